using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shop.Scenarios.Client;

namespace Shop.Scenarios.Orders;

/// <summary>The edge of the orders API (issue 3, scenarios f and g): idempotency, validation, 404/409.</summary>
public abstract class OrderSubmissionScenarios(IShopSystem system) : IDisposable
{
    private readonly ShopClient _client = new(system);
    private readonly ScenarioLedger _ledger = new();

    [Fact]
    public async Task The_same_idempotency_key_and_body_give_one_order_and_another_body_gives_409()
    {
        // Arrange
        var sku = _ledger.Sku();
        var customer = _ledger.Customer();
        await _ledger.SeedProductAsync(_client, sku, unitPrice: 3m, onHand: 10);
        await _ledger.SeedAccountAsync(_client, customer, balance: 100m);
        var key = Guid.NewGuid().ToString();
        var body = Body(customer, (sku, 1));

        // Act
        using var first = await _client.PostOrderRawAsync(key, body);
        using var second = await _client.PostOrderRawAsync(key, body);
        using var conflicting = await _client.PostOrderRawAsync(key, Body(customer, (sku, 2)));

        // Assert
        await ShopClient.EnsureAsync(first, HttpStatusCode.Accepted);
        await ShopClient.EnsureAsync(second, HttpStatusCode.Accepted);
        var firstOrder = (await first.Content.ReadFromJsonAsync<OrderAcceptedDto>(ShopClient.Json))!;
        var secondOrder = (await second.Content.ReadFromJsonAsync<OrderAcceptedDto>(ShopClient.Json))!;
        secondOrder.OrderId.Should().Be(firstOrder.OrderId);
        await ShouldBeProblemAsync(conflicting, HttpStatusCode.Conflict);
        _ledger.Orders.Add(firstOrder.OrderId);
        (await OrdersOfAsync(customer)).Should().Be(1);
        await _client.WaitForTerminalAsync(firstOrder.OrderId, ScenarioTimeouts.Saga);
        await Invariants.AssertHoldAsync(_client, _ledger, ScenarioTimeouts.Quiet);
        (await _client.GetProductAsync(sku)).OnHand.Should().Be(9);
    }

    [Fact]
    public async Task Invalid_requests_are_refused_with_problem_details_and_create_nothing()
    {
        // Arrange
        var sku = _ledger.Sku();
        var customer = _ledger.Customer();
        await _ledger.SeedProductAsync(_client, sku, unitPrice: 3m, onHand: 10);
        await _ledger.SeedAccountAsync(_client, customer, balance: 100m);

        // Act + Assert, one refusal at a time
        using (var missingKey = await _client.PostOrderRawAsync(null, Body(customer, (sku, 1))))
        {
            (await ShouldBeProblemAsync(missingKey, HttpStatusCode.BadRequest)).Should().ContainKey("Idempotency-Key");
        }

        using (var emptyItems = await _client.PostOrderRawAsync(Guid.NewGuid().ToString(), Body(customer)))
        {
            (await ShouldBeProblemAsync(emptyItems, HttpStatusCode.BadRequest)).Should().ContainKey("items");
        }

        foreach (var quantity in new[] { 0, -1 })
        {
            using var badQuantity = await _client.PostOrderRawAsync(Guid.NewGuid().ToString(), Body(customer, (sku, quantity)));
            (await ShouldBeProblemAsync(badQuantity, HttpStatusCode.BadRequest)).Should().ContainKey("items[0].quantity");
        }

        using (var unknownSku = await _client.PostOrderRawAsync(Guid.NewGuid().ToString(), Body(customer, (sku, 1), ("no-such-sku-" + sku, 1))))
        {
            (await ShouldBeProblemAsync(unknownSku, HttpStatusCode.BadRequest)).Should().ContainKey("items[1].sku");
        }

        using (var malformed = await _client.PostOrderRawAsync(Guid.NewGuid().ToString(), """{ "customerId": "x", "items": [ """))
        {
            await ShouldBeProblemAsync(malformed, HttpStatusCode.BadRequest);
        }

        // Nothing was created and nothing moved.
        (await OrdersOfAsync(customer)).Should().Be(0);
        var product = await _client.GetProductAsync(sku);
        (product.OnHand, product.Reserved).Should().Be((10, 0));
        (await _client.GetAccountAsync(customer)).Balance.Should().Be(100m);
    }

    [Fact]
    public async Task Unknown_orders_are_404_and_cancelling_a_finished_order_is_409()
    {
        // Arrange
        var sku = _ledger.Sku();
        var customer = _ledger.Customer();
        await _ledger.SeedProductAsync(_client, sku, unitPrice: 3m, onHand: 10);
        await _ledger.SeedAccountAsync(_client, customer, balance: 100m);
        var accepted = await _ledger.PlaceOrderAsync(_client, customer, (sku, 1));
        await _client.WaitForStatusAsync(accepted.OrderId, "Completed", ScenarioTimeouts.Saga);

        // Act
        using var unknown = await _client.Orders.GetAsync($"/api/orders/{Guid.NewGuid()}");
        using var cancelUnknown = await _client.CancelOrderAsync(Guid.NewGuid());
        using var cancelCompleted = await _client.CancelOrderAsync(accepted.OrderId);

        // Assert
        await ShouldBeProblemAsync(unknown, HttpStatusCode.NotFound);
        await ShouldBeProblemAsync(cancelUnknown, HttpStatusCode.NotFound);
        await ShouldBeProblemAsync(cancelCompleted, HttpStatusCode.Conflict);
        (await _client.GetOrderAsync(accepted.OrderId))!.Status.Should().Be("Completed");
        await Invariants.AssertHoldAsync(_client, _ledger, ScenarioTimeouts.Quiet);
    }

    private static string Body(string customerId, params (string Sku, int Quantity)[] items) =>
        JsonSerializer.Serialize(new { customerId, items = items.Select(i => new { sku = i.Sku, quantity = i.Quantity }) }, ShopClient.Json);

    /// <summary>Asserts a problem+json answer with that status and returns its field errors (empty when it has none).</summary>
    private static async Task<IReadOnlyDictionary<string, string[]>> ShouldBeProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        await ShopClient.EnsureAsync(response, status);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("status").GetInt32().Should().Be((int)status);
        return problem.RootElement.TryGetProperty("errors", out var errors)
            ? errors.EnumerateObject().ToDictionary(e => e.Name, e => e.Value.EnumerateArray().Select(v => v.GetString()!).ToArray(), StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, string[]>();
    }

    private async Task<int> OrdersOfAsync(string customerId)
    {
        using var document = JsonDocument.Parse(await _client.Orders.GetStringAsync($"/api/orders?customerId={customerId}"));
        return document.RootElement.GetProperty("items").GetArrayLength();
    }

    public void Dispose()
    {
        _client.Dispose();
        GC.SuppressFinalize(this);
    }
}
