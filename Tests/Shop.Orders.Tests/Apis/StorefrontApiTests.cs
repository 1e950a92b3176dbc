using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Orders.Storefront;
using Shop.Orders.Tests.Support;

namespace Shop.Orders.Tests.Apis;

/// <summary>The storefront proxy against stub inventory and payments HTTP APIs (the real ones are driven through the page
/// in Shop.EndToEnd.Tests): what it asks them, and what it answers when they are missing or away.</summary>
[Collection(OrdersAppCollection.Name)]
public sealed class StorefrontApiTests(OrdersApp app)
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task Seed_puts_every_demo_product_and_the_account_and_returns_what_they_answered()
    {
        var customer = $"seed-{Guid.NewGuid():N}";

        var response = await _client.PostAsJsonAsync("/api/storefront/seed", new { customerId = customer, balance = 75.5m });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var seeded = await response.Content.ReadFromJsonAsync<JsonElement>();
        seeded.GetProperty("products").EnumerateArray().Select(p => (p.GetProperty("sku").GetString(), p.GetProperty("onHand").GetInt32()))
            .Should().Equal(DemoCatalog.Products.Select(p => ((string?)p.Sku, p.OnHand)));
        seeded.GetProperty("account").GetProperty("customerId").GetString().Should().Be(customer);
        seeded.GetProperty("account").GetProperty("balance").GetDecimal().Should().Be(75.5m);
        app.Accounts.Bodies.Should().Contain(body => body.Contains("75.5", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Seed_without_a_body_seeds_the_default_customer()
    {
        var response = await _client.PostAsync("/api/storefront/seed", JsonContent.Create(new { }));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var account = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("account");
        account.GetProperty("customerId").GetString().Should().Be(DemoCatalog.DefaultCustomerId);
        account.GetProperty("balance").GetDecimal().Should().Be(DemoCatalog.DefaultBalance);
    }

    [Fact]
    public async Task Seed_refuses_a_bad_balance_with_a_field_error_and_calls_nobody()
    {
        var before = app.Accounts.Bodies.Count;

        var response = await _client.PostAsJsonAsync("/api/storefront/seed", new { customerId = "x", balance = -1m });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("balance", out _).Should().BeTrue();
        app.Accounts.Bodies.Count.Should().Be(before);
    }

    [Fact]
    public async Task Products_come_from_inventory_with_their_stock()
    {
        var products = await _client.GetFromJsonAsync<JsonElement>("/api/storefront/products");

        products.EnumerateArray().Select(p => (p.GetProperty("sku").GetString(), p.GetProperty("reserved").GetInt32(), p.GetProperty("available").GetInt32()))
            .Should().Equal(("mug", 2, 18), ("tee", 0, 5));
    }

    [Fact]
    public async Task An_account_is_read_from_payments_and_a_missing_one_is_404()
    {
        var account = await _client.GetFromJsonAsync<JsonElement>("/api/storefront/accounts/ada");
        var missing = await _client.GetAsync("/api/storefront/accounts/unknown-bob");

        account.GetProperty("balance").GetDecimal().Should().Be(42.00m);
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        missing.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Payments_away_is_503_problem_with_Retry_After()
    {
        var response = await _client.GetAsync("/api/storefront/accounts/down-carol");

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        response.Headers.RetryAfter.Should().NotBeNull();
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString().Should().Contain("payments");
    }

    [Fact]
    public async Task The_page_is_served_at_the_root()
    {
        var page = await _client.GetAsync("/");

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await page.Content.ReadAsStringAsync()).Should().Contain("<script src=\"app.js\">");
        (await _client.GetAsync("/app.js")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
