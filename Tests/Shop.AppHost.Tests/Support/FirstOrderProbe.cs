using System.Diagnostics;
using Shop.Scenarios;
using Shop.Scenarios.Client;

namespace Shop.AppHost.Tests.Support;

/// <summary>Places one order the moment every resource is healthy and times it from the POST to its terminal status.</summary>
public static class FirstOrderProbe
{
    public static async Task<(string Status, TimeSpan Elapsed)> RunAsync(IShopSystem system, TimeSpan timeout)
    {
        using var client = new ShopClient(system);
        var ledger = new ScenarioLedger();
        var (sku, customer) = (ledger.Sku("first-order"), ledger.Customer("first-order"));
        await ledger.SeedProductAsync(client, sku, unitPrice: 2m, onHand: 10);
        await ledger.SeedAccountAsync(client, customer, balance: 10m);

        var clock = Stopwatch.StartNew();
        var accepted = await ledger.PlaceOrderAsync(client, customer, (sku, 1));
        var order = await client.WaitForTerminalAsync(accepted.OrderId, timeout);
        return (order.Status, clock.Elapsed);
    }
}
