using Shop.Scenarios;
using Shop.Scenarios.Client;

namespace Shop.LoadTests;

/// <summary>
/// The run's own products and customers, named with the ledger's run suffix so that runs never share a row and the
/// invariants can be checked for exactly this run: products with plenty of stock, one with none (OutOfStock),
/// paying customers, and customers with no money (PaymentDeclined). Orders are spread over many customers because
/// the orders service rate-limits per customer.
/// </summary>
public sealed class Workload
{
    private const int SeedConcurrency = 16;
    private const int BrokeCustomers = 20;
    private readonly OrderMix _mix;
    private readonly List<(string Sku, decimal Price)> _products = [];
    private readonly List<string> _customers = [];
    private readonly List<string> _brokeCustomers = [];
    private string _outOfStockSku = "";

    public Workload(ScenarioLedger ledger, OrderMix mix)
    {
        Ledger = ledger;
        _mix = mix;
    }

    public ScenarioLedger Ledger { get; }

    public string RunSuffix => Ledger.Sku("")[1..];

    public async Task SeedAsync(ShopClient client, int products, int customers, CancellationToken cancellationToken)
    {
        for (var i = 0; i < products; i++)
        {
            // Prices with cents, so the money invariant checks decimal sums, not just counts.
            _products.Add((Ledger.Sku($"load-p{i}"), 1.25m + i));
        }

        _outOfStockSku = Ledger.Sku("load-none");
        _customers.AddRange(Enumerable.Range(0, customers).Select(i => Ledger.Customer($"load-c{i}")));
        _brokeCustomers.AddRange(Enumerable.Range(0, BrokeCustomers).Select(i => Ledger.Customer($"load-broke{i}")));

        var stock = _products.Select(p => (p.Sku, p.Price, OnHand: 100_000_000)).Append((Sku: _outOfStockSku, Price: 1m, OnHand: 0)).ToList();
        var balances = _customers.Select(c => (Customer: c, Balance: 1_000_000_000m))
            .Concat(_brokeCustomers.Select(c => (Customer: c, Balance: 0m))).ToList();

        await Parallel.ForEachAsync(stock, new ParallelOptions { MaxDegreeOfParallelism = SeedConcurrency, CancellationToken = cancellationToken },
            async (p, _) => await client.PutProductAsync(p.Sku, $"Load product {p.Sku}", p.Price, p.OnHand));
        await Parallel.ForEachAsync(balances, new ParallelOptions { MaxDegreeOfParallelism = SeedConcurrency, CancellationToken = cancellationToken },
            async (a, _) => await client.PutAccountAsync(a.Customer, a.Balance));

        // Recorded only once seeded: the ledger's dictionaries are not for concurrent writers.
        foreach (var (sku, _, onHand) in stock)
        {
            Ledger.InitialStock[sku] = onHand;
        }

        foreach (var (customer, balance) in balances)
        {
            Ledger.InitialBalances[customer] = balance;
        }
    }

    /// <summary>The next order: its kind by the mix, a customer and a product for it.</summary>
    public (OrderKind Kind, string Customer, string Sku) Next(Random random)
    {
        var kind = _mix.Pick(random.Next(100));
        var product = _products[random.Next(_products.Count)].Sku;
        return kind switch
        {
            OrderKind.OutOfStock => (kind, _customers[random.Next(_customers.Count)], _outOfStockSku),
            OrderKind.Declined => (kind, _brokeCustomers[random.Next(_brokeCustomers.Count)], product),
            _ => (kind, _customers[random.Next(_customers.Count)], product),
        };
    }

    public void Record(Guid orderId)
    {
        lock (Ledger)
        {
            Ledger.Orders.Add(orderId);
        }
    }
}
