using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Shop.Contracts.Payments;
using Shop.Payments.Tests.Support;

namespace Shop.Payments.Tests.Apis;

[Collection(PaymentsDatabaseCollection.Name)]
public sealed class PaymentsApiTests(PaymentsDatabaseFixture fixture) : IDisposable
{
    private readonly HttpClient _client = fixture.App.CreateClient();

    public void Dispose() => _client.Dispose();

    [Theory]
    [InlineData("/api/payments")]
    [InlineData("/api/payments?orderId=")]
    [InlineData("/api/payments?orderId=not-a-guid")]
    public async Task A_missing_or_malformed_order_id_is_a_400_validation_problem(string path)
    {
        var response = await _client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await Json(response))["errors"]!.AsObject().Select(e => e.Key).Should().Equal("orderId");
    }

    [Fact]
    public async Task An_order_without_payments_lists_none()
    {
        var response = await _client.GetAsync($"/api/payments?orderId={Guid.CreateVersion7()}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Json(response)).ToJsonString().Should().Be("[]");
    }

    [Fact]
    public async Task The_payment_of_an_order_is_listed_with_its_status()
    {
        var customerId = $"api-{Guid.NewGuid():N}";
        var orderId = Guid.CreateVersion7();
        (await _client.PutAsJsonAsync($"/api/accounts/{customerId}", new { balance = 50m })).EnsureSuccessStatusCode();
        await fixture.App.HandleAsync(new ChargePayment(orderId, customerId, 20m));

        var response = await _client.GetAsync($"/api/payments?orderId={orderId}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var payment = (await Json(response)).AsArray().Should().ContainSingle().Subject!.AsObject();
        payment.Select(p => p.Key).Should().Equal("paymentId", "orderId", "amount", "status", "at");
        payment["orderId"]!.GetValue<Guid>().Should().Be(orderId);
        payment["amount"]!.ToJsonString().Should().Be("20.00");
        payment["status"]!.GetValue<string>().Should().Be("Charged");
        payment["paymentId"]!.GetValue<Guid>().Version.Should().Be(7);
        (await Json(await _client.GetAsync($"/api/accounts/{customerId}")))["balance"]!.GetValue<decimal>().Should().Be(30m);
    }

    private static async Task<JsonNode> Json(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
}
