using Shop.Scenarios.Client;

namespace Shop.Scenarios;

/// <summary>
/// Runs orders through a freshly started shop until one completes. The first orders pay for the cold start (JIT,
/// EF model building, first connections, consumer groups settling) and can take seconds; a scenario that measures
/// a saga deadline must not be the one that pays. Fixtures call this once, after every service is healthy.
/// </summary>
public static class SystemWarmUp
{
    public static async Task RunAsync(IShopSystem system, TimeSpan timeout)
    {
        using var client = new ShopClient(system);
        var ledger = new ScenarioLedger();
        var (sku, customer) = (ledger.Sku("warm-up"), ledger.Customer("warm-up"));
        await ledger.SeedProductAsync(client, sku, unitPrice: 1m, onHand: 1_000);
        await ledger.SeedAccountAsync(client, customer, balance: 1_000m);

        var deadline = DateTimeOffset.UtcNow + timeout;
        var outcomes = new List<string>();
        while (DateTimeOffset.UtcNow < deadline)
        {
            var accepted = await ledger.PlaceOrderAsync(client, customer, (sku, 1));
            var order = await client.WaitForTerminalAsync(accepted.OrderId, deadline - DateTimeOffset.UtcNow);
            if (order.Status == "Completed")
            {
                return;
            }

            // Cancelled by a step deadline while a service was still starting: go again.
            outcomes.Add($"{order.Status}/{order.Reason}");
        }

        throw new TimeoutException($"No warm-up order completed within {timeout.TotalSeconds:0} s: {string.Join(", ", outcomes)}");
    }
}
