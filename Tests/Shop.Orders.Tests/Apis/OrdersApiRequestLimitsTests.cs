using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Shop.Orders.Tests.Support;

namespace Shop.Orders.Tests.Apis;

/// <summary>The request limits of ServiceDefaults as the orders service applies them to <c>POST /api/orders</c>.</summary>
[Collection(OrdersAppCollection.Name)]
public sealed class OrdersApiRequestLimitsTests(OrdersApp app)
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task A_body_over_64_KiB_is_413_problem_and_stores_nothing()
    {
        var before = await app.CountAsync();
        var body = $$"""{"customerId":"{{new string('c', 64 * 1024)}}","items":[{"sku":"a","quantity":1}]}""";

        var response = await SubmitAsync(body, "application/json");

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32().Should().Be(413);
        (await app.CountAsync()).Should().Be(before);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task A_body_that_is_not_json_is_415_problem_and_stores_nothing(string contentType)
    {
        var before = await app.CountAsync();

        var response = await SubmitAsync("""{"customerId":"c","items":[{"sku":"a","quantity":1}]}""", contentType);

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await app.CountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task After_refused_requests_a_valid_order_is_still_accepted()
    {
        await SubmitAsync(new string('x', 70 * 1024), "application/json");
        await SubmitAsync("{}", "text/plain");

        var response = await SubmitAsync("""{"customerId":"c","items":[{"sku":"a","quantity":1}]}""", "application/json");

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    private Task<HttpResponseMessage> SubmitAsync(string body, string contentType)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        request.Headers.Add("Idempotency-Key", $"key-{Guid.NewGuid():N}");
        return _client.SendAsync(request);
    }
}
