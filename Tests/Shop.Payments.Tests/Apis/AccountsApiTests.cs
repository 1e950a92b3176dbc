using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Shop.Payments.Tests.Support;

namespace Shop.Payments.Tests.Apis;

[Collection(PaymentsDatabaseCollection.Name)]
public sealed class AccountsApiTests(PaymentsDatabaseFixture fixture) : IDisposable
{
    private readonly string _customerId = $"api-{Guid.NewGuid():N}";
    private readonly HttpClient _client = fixture.App.CreateClient();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Put_creates_then_sets_and_get_reads_it_back()
    {
        // Act
        var created = await _client.PutAsJsonAsync($"/api/accounts/{_customerId}", new { balance = 100m });
        var set = await _client.PutAsJsonAsync($"/api/accounts/{_customerId}", new { balance = 12.5m });
        var read = await _client.GetAsync($"/api/accounts/{_customerId}");

        // Assert
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        created.Headers.Location!.OriginalString.Should().Be($"/api/accounts/{_customerId}");
        (await Json(created)).ToJsonString().Should().Be($$"""{"customerId":"{{_customerId}}","balance":100.00}""");
        set.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Json(set)).ToJsonString().Should().Be($$"""{"customerId":"{{_customerId}}","balance":12.50}""");
        read.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Json(read)).ToJsonString().Should().Be($$"""{"customerId":"{{_customerId}}","balance":12.50}""");
    }

    [Fact]
    public async Task An_unknown_account_is_a_404_problem()
    {
        var response = await _client.GetAsync($"/api/accounts/{_customerId}");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await Json(response))["status"]!.GetValue<int>().Should().Be(404);
    }

    [Theory]
    [InlineData("""{"balance":-0.01}""", "balance")]
    [InlineData("""{"balance":1.005}""", "balance")]
    [InlineData("""{}""", "balance")]
    [InlineData("""{"balance":null}""", "balance")]
    public async Task An_invalid_balance_is_a_400_validation_problem_and_changes_nothing(string body, string field)
    {
        (await _client.PutAsJsonAsync($"/api/accounts/{_customerId}", new { balance = 5m })).EnsureSuccessStatusCode();

        var response = await PutAsync($"/api/accounts/{_customerId}", body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await Json(response))["errors"]!.AsObject().Select(e => e.Key).Should().Equal(field);
        (await Json(await _client.GetAsync($"/api/accounts/{_customerId}")))["balance"]!.GetValue<decimal>().Should().Be(5m);
    }

    [Fact]
    public async Task A_customer_id_over_100_characters_is_a_400_validation_problem()
    {
        var customerId = new string('c', 101);

        var response = await _client.PutAsJsonAsync($"/api/accounts/{customerId}", new { balance = -1m });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Json(response))["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo("customerId", "balance");
        (await _client.GetAsync($"/api/accounts/{customerId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"balance":""")]
    [InlineData("""{"balance":"ten"}""")]
    [InlineData("")]
    public async Task Malformed_json_is_a_400_problem_and_changes_nothing(string body)
    {
        var response = await PutAsync($"/api/accounts/{_customerId}", body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await _client.GetAsync($"/api/accounts/{_customerId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem_in_production_too()
    {
        await using var production = new PaymentsApp(fixture, "Production");
        await production.StartAsync();
        using var client = production.CreateClient();

        var response = await client.PutAsync(
            $"/api/accounts/{_customerId}", new StringContent("""{"balance":""", Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await Json(response))["status"]!.GetValue<int>().Should().Be(400);
    }

    private Task<HttpResponseMessage> PutAsync(string path, string json) =>
        _client.PutAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<JsonNode> Json(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
}
