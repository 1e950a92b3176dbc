using System.Net;
using System.Text;
using System.Text.Json;
using Shop.Scenarios.Client;

namespace Shop.Scenarios.Edge;

/// <summary>
/// Abuse at the edge (issue 4, item 5): oversized bodies, wrong content types, malformed JSON, impossible
/// quantities, too many lines, unknown SKUs, missing or oversized Idempotency-Key, against every write endpoint.
/// Each must get the right 4xx as problem+json naming the field, store nothing, and leave the services healthy
/// enough to complete a normal order right afterwards.
/// </summary>
public abstract class EdgeAbuseScenarios(IShopSystem system) : IDisposable
{
    /// <summary>The body limit every service applies (RequestLimits:MaxBodyBytes, 64 KiB by default).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Orders' limits: lines per order, units per line, Idempotency-Key length.</summary>
    public const int MaxLines = 50;
    public const int MaxQuantity = 1000;
    public const int MaxIdempotencyKeyLength = 100;

    private readonly ShopClient _client = new(system);
    private readonly ScenarioLedger _ledger = new();
    private readonly Dictionary<string, HttpClient> _http = new()
    {
        ["orders"] = system.CreateClient("orders"),
        ["inventory"] = system.CreateClient("inventory"),
        ["payments"] = system.CreateClient("payments"),
    };

    [Fact]
    public async Task Abusive_requests_get_the_right_problem_store_nothing_and_the_shop_keeps_working()
    {
        // Arrange
        var sku = _ledger.Sku();
        var customer = _ledger.Customer();
        await _ledger.SeedProductAsync(_client, sku, unitPrice: 4m, onHand: 10);
        await _ledger.SeedAccountAsync(_client, customer, balance: 100m);
        var cases = Cases(sku, customer, newSku: _ledger.Sku("never-created"));

        // Act
        var failures = new List<string>();
        foreach (var abuse in cases)
        {
            var failure = await SendAndCheckAsync(abuse);
            if (failure is not null)
            {
                failures.Add($"{abuse.Name}: {failure}");
            }
        }

        // Assert: every answer, then nothing stored, then still healthy and working
        failures.Should().BeEmpty("every abusive request must get its documented answer");
        (await OrdersOfAsync(customer)).Should().Be(0);
        var product = await _client.GetProductAsync(sku);
        (product.OnHand, product.Reserved, product.UnitPrice).Should().Be((10, 0, 4m));
        (await _client.GetAccountAsync(customer)).Balance.Should().Be(100m);
        using (var unknownProduct = await _http["inventory"].GetAsync($"/api/products/{_ledger.Sku("never-created")}"))
        {
            unknownProduct.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        foreach (var (service, http) in _http)
        {
            using var health = await http.GetAsync("/health");
            health.StatusCode.Should().Be(HttpStatusCode.OK, $"{service} must stay healthy");
        }

        var order = await _ledger.PlaceOrderAsync(_client, customer, (sku, 2));
        (await _client.WaitForTerminalAsync(order.OrderId, ScenarioTimeouts.Saga)).Status.Should().Be("Completed");
        await Invariants.AssertHoldAsync(_client, _ledger, ScenarioTimeouts.Quiet);
    }

    /// <summary>The table: request → expected status and field.</summary>
    public static IReadOnlyList<AbuseCase> Cases(string sku, string customer, string newSku)
    {
        string Order(params (string Sku, long Quantity)[] items) =>
            JsonSerializer.Serialize(new { customerId = customer, items = items.Select(i => new { sku = i.Sku, quantity = i.Quantity }) });
        var post = HttpMethod.Post;
        var put = HttpMethod.Put;
        var oversized = Padding(MaxBodyBytes);
        var product = $"/api/products/{sku}";
        var account = $"/api/accounts/{customer}";
        var unknownAccount = $"/api/accounts/{customer}-x";

        return
        [
            // POST /api/orders
            new("order: body over 64 KiB", "orders", post, "/api/orders", $$"""{"customerId":"{{customer}}","items":[],"pad":"{{oversized}}"}""", HttpStatusCode.RequestEntityTooLarge, null),
            new("order: text/plain", "orders", post, "/api/orders", Order((sku, 1)), HttpStatusCode.UnsupportedMediaType, null, ContentType: "text/plain"),
            new("order: form content type", "orders", post, "/api/orders", "customerId=x", HttpStatusCode.UnsupportedMediaType, null, ContentType: "application/x-www-form-urlencoded"),
            new("order: malformed JSON", "orders", post, "/api/orders", $$"""{"customerId":"{{customer}}","items":[""", HttpStatusCode.BadRequest, null),
            new("order: not an object", "orders", post, "/api/orders", "[1,2,3]", HttpStatusCode.BadRequest, null),
            new("order: zero quantity", "orders", post, "/api/orders", Order((sku, 0)), HttpStatusCode.BadRequest, "items[0].quantity"),
            new("order: negative quantity", "orders", post, "/api/orders", Order((sku, 1), (sku, -3)), HttpStatusCode.BadRequest, "items[1].quantity"),
            new("order: quantity over the per-line maximum", "orders", post, "/api/orders", Order((sku, MaxQuantity + 1)), HttpStatusCode.BadRequest, "items[0].quantity"),
            new("order: quantity beyond a 32-bit integer", "orders", post, "/api/orders", Order((sku, 99_999_999_999)), HttpStatusCode.BadRequest, "items[0].quantity"),
            new("order: too many lines", "orders", post, "/api/orders", Order([.. Enumerable.Repeat((sku, 1L), MaxLines + 1)]), HttpStatusCode.BadRequest, "items"),
            new("order: no lines", "orders", post, "/api/orders", Order(), HttpStatusCode.BadRequest, "items"),
            new("order: unknown SKU", "orders", post, "/api/orders", Order((sku, 1), (newSku, 1)), HttpStatusCode.BadRequest, "items[1].sku"),
            new("order: missing Idempotency-Key", "orders", post, "/api/orders", Order((sku, 1)), HttpStatusCode.BadRequest, "Idempotency-Key", IdempotencyKey: null),
            new("order: oversized Idempotency-Key", "orders", post, "/api/orders", Order((sku, 1)), HttpStatusCode.BadRequest, "Idempotency-Key", IdempotencyKey: new string('k', MaxIdempotencyKeyLength + 1)),

            // PUT /api/products/{sku}
            new("product: body over 64 KiB", "inventory", put, product, $$"""{"name":"{{oversized}}","unitPrice":1,"onHand":1}""", HttpStatusCode.RequestEntityTooLarge, null),
            new("product: text/plain", "inventory", put, product, """{"name":"x","unitPrice":1,"onHand":1}""", HttpStatusCode.UnsupportedMediaType, null, ContentType: "text/plain"),
            new("product: malformed JSON", "inventory", put, product, """{"name":"x","unitPrice":""", HttpStatusCode.BadRequest, null),
            new("product: negative stock", "inventory", put, product, """{"name":"x","unitPrice":1,"onHand":-1}""", HttpStatusCode.BadRequest, "onHand"),
            new("product: huge stock", "inventory", put, product, """{"name":"x","unitPrice":1,"onHand":99999999999999}""", HttpStatusCode.BadRequest, "onHand"),
            new("product: negative price", "inventory", put, product, """{"name":"x","unitPrice":-1,"onHand":1}""", HttpStatusCode.BadRequest, "unitPrice"),
            new("product: new SKU, bad body", "inventory", put, $"/api/products/{newSku}", """{"unitPrice":1,"onHand":1}""", HttpStatusCode.BadRequest, "name"),

            // PUT /api/accounts/{customerId}
            new("account: body over 64 KiB", "payments", put, account, $$"""{"balance":1,"pad":"{{oversized}}"}""", HttpStatusCode.RequestEntityTooLarge, null),
            new("account: text/plain", "payments", put, account, """{"balance":1}""", HttpStatusCode.UnsupportedMediaType, null, ContentType: "text/plain"),
            new("account: malformed JSON", "payments", put, account, """{"balance":""", HttpStatusCode.BadRequest, null),
            new("account: negative balance", "payments", put, account, """{"balance":-1}""", HttpStatusCode.BadRequest, "balance"),
            new("account: fractional cents", "payments", put, account, """{"balance":1.001}""", HttpStatusCode.BadRequest, "balance"),
            new("account: new customer, no balance", "payments", put, unknownAccount, """{}""", HttpStatusCode.BadRequest, "balance"),
        ];
    }

    private async Task<string?> SendAndCheckAsync(AbuseCase abuse)
    {
        using var request = new HttpRequestMessage(abuse.Method, abuse.Path)
        {
            Content = new StringContent(abuse.Body, Encoding.UTF8, abuse.ContentType),
        };
        if (abuse.IdempotencyKey is { } key)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key == "generate" ? Guid.NewGuid().ToString() : key);
        }

        using var response = await _http[abuse.Service].SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != abuse.Status)
        {
            return $"expected {(int)abuse.Status}, got {(int)response.StatusCode}: {Shorten(body)}";
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"expected application/problem+json, got '{response.Content.Headers.ContentType}': {Shorten(body)}";
        }

        using var problem = JsonDocument.Parse(body);
        if (!problem.RootElement.TryGetProperty("status", out var status) || status.GetInt32() != (int)abuse.Status)
        {
            return $"the problem's status is not {(int)abuse.Status}: {Shorten(body)}";
        }

        if (abuse.Field is { } field
            && !(problem.RootElement.TryGetProperty("errors", out var errors)
                 && errors.EnumerateObject().Any(e => e.Name.Equals(field, StringComparison.OrdinalIgnoreCase))))
        {
            return $"the problem names no field '{field}': {Shorten(body)}";
        }

        return null;
    }

    private static string Padding(int length) => new('x', length);

    private static string Shorten(string body) => body.Length <= 300 ? body : body[..300] + "…";

    private async Task<int> OrdersOfAsync(string customerId)
    {
        using var document = JsonDocument.Parse(await _client.Orders.GetStringAsync($"/api/orders?customerId={customerId}"));
        return document.RootElement.GetProperty("items").GetArrayLength();
    }

    public void Dispose()
    {
        _client.Dispose();
        foreach (var http in _http.Values)
        {
            http.Dispose();
        }

        GC.SuppressFinalize(this);
    }
}
