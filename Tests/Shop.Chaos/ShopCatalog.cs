using Shop.Scenarios;
using Shop.Scenarios.Client;

namespace Shop.Chaos;

/// <summary>
/// The products and accounts of one chaos run, named uniquely for it (a <see cref="ScenarioLedger"/>), and the seeded
/// draw of each order from them. Prices are at least 2.00 and broke customers hold 1.00, so their charges always fail.
/// </summary>
public sealed class ShopCatalog
{
    private const int ScarceUnits = 6;

    private readonly Random _random;
    private readonly List<string> _plentiful = [];
    private readonly List<string> _scarce = [];
    private readonly List<string> _customers = [];
    private readonly List<string> _broke = [];

    private ShopCatalog(Random random, ScenarioLedger ledger)
    {
        _random = random;
        Ledger = ledger;
    }

    /// <summary>The run's products, accounts and their starting values, for the invariants.</summary>
    public ScenarioLedger Ledger { get; }

    public IReadOnlySet<string> BrokeCustomers => _broke.ToHashSet();

    public IReadOnlySet<string> ScarceProducts => _scarce.ToHashSet();

    public static async Task<ShopCatalog> SeedAsync(ShopClient client, Random random, int customers)
    {
        var catalog = new ShopCatalog(random, new ScenarioLedger());
        var ledger = catalog.Ledger;
        for (var i = 0; i < 4; i++)
        {
            var sku = ledger.Sku($"chaos-plenty-{i}");
            await ledger.SeedProductAsync(client, sku, unitPrice: 2m + random.Next(0, 1_800) / 100m, onHand: 1_000_000);
            catalog._plentiful.Add(sku);
        }

        for (var i = 0; i < 2; i++)
        {
            var sku = ledger.Sku($"chaos-scarce-{i}");
            await ledger.SeedProductAsync(client, sku, unitPrice: 2m + random.Next(0, 1_800) / 100m, onHand: ScarceUnits);
            catalog._scarce.Add(sku);
        }

        for (var i = 0; i < customers; i++)
        {
            var customer = ledger.Customer($"chaos-{i}");
            await ledger.SeedAccountAsync(client, customer, balance: 1_000_000m);
            catalog._customers.Add(customer);
        }

        for (var i = 0; i < Math.Max(2, customers / 10); i++)
        {
            var customer = ledger.Customer($"chaos-broke-{i}");
            await ledger.SeedAccountAsync(client, customer, balance: 1m);
            catalog._broke.Add(customer);
        }

        return catalog;
    }

    /// <summary>Draws the next order: mostly plain ones, some for scarce stock, some by broke customers, some cancelled.</summary>
    public OrderPlan NextOrder()
    {
        var roll = _random.Next(100);
        var kind = roll switch
        {
            < 70 => OrderKind.Plain,
            < 80 => OrderKind.Scarce,
            < 90 => OrderKind.Broke,
            _ => OrderKind.CustomerCancels,
        };
        var customer = kind == OrderKind.Broke ? Pick(_broke) : Pick(_customers);
        var items = kind == OrderKind.Scarce
            ? [(Pick(_scarce), _random.Next(1, 3))]
            : _plentiful.OrderBy(_ => _random.Next()).Take(_random.Next(1, 3)).Select(sku => (sku, _random.Next(1, 4))).ToList();
        TimeSpan? cancelAfter = kind == OrderKind.CustomerCancels ? TimeSpan.FromMilliseconds(_random.Next(0, 400)) : null;
        return new OrderPlan(kind, customer, items, cancelAfter);
    }

    private string Pick(List<string> from) => from[_random.Next(from.Count)];
}
