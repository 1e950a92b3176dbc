using Shop.Scenarios.Client;

namespace Shop.Scenarios;

/// <summary>
/// What one scenario seeded and ordered, with names of its own (a scenario never shares a product or a customer
/// with another), so the DESIGN §2 invariants can be checked for exactly its slice of the shop.
/// </summary>
public sealed class ScenarioLedger
{
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..10];

    public Dictionary<string, int> InitialStock { get; } = [];

    public Dictionary<string, decimal> InitialBalances { get; } = [];

    public List<Guid> Orders { get; } = [];

    public string Sku(string name = "widget") => $"{name}-{_suffix}";

    public string Customer(string name = "ada") => $"{name}-{_suffix}";

    public async Task<ProductDto> SeedProductAsync(ShopClient client, string sku, decimal unitPrice, int onHand)
    {
        InitialStock[sku] = onHand;
        return await client.PutProductAsync(sku, $"Product {sku}", unitPrice, onHand);
    }

    public async Task<AccountDto> SeedAccountAsync(ShopClient client, string customerId, decimal balance)
    {
        InitialBalances[customerId] = balance;
        return await client.PutAccountAsync(customerId, balance);
    }

    public async Task<OrderAcceptedDto> PlaceOrderAsync(ShopClient client, string customerId, params (string Sku, int Quantity)[] items)
    {
        var accepted = await client.PostOrderAsync(customerId, items);
        Orders.Add(accepted.OrderId);
        return accepted;
    }
}
