using Shop.Scenarios.Client;

namespace Shop.Scenarios.Orders;

/// <summary>
/// Races (issue 4, item 4): many customers at once for stock that cannot serve them all. Exactly as many orders as
/// there are units complete, the rest are cancelled as OutOfStock, the product is never oversold, and each
/// customer pays exactly once if and only if their order completed.
/// </summary>
public abstract class OrderRaceScenarios(IShopSystem system) : IDisposable
{
    private const int Customers = 50;
    private const int Units = 10;
    private const decimal UnitPrice = 5m;
    private const decimal Balance = 100m;

    private readonly ShopClient _client = new(system);
    private readonly ScenarioLedger _ledger = new();

    /// <summary>Generous: fifty sagas at once on a loaded two-core machine.</summary>
    private static readonly TimeSpan AllTerminal = ScenarioTimeouts.Saga * 3;

    [Fact]
    public async Task Fifty_concurrent_orders_for_ten_units_complete_ten_and_cancel_forty_as_out_of_stock()
    {
        // Arrange: one product with 10 units, 50 customers (each their own id, so no per-customer limit applies)
        var sku = _ledger.Sku("scarce");
        await _ledger.SeedProductAsync(_client, sku, UnitPrice, Units);
        var customers = Enumerable.Range(0, Customers).Select(i => _ledger.Customer($"racer{i:00}")).ToList();
        foreach (var customer in customers)
        {
            await _ledger.SeedAccountAsync(_client, customer, Balance);
        }

        // Act: all at once, released together
        using var start = new SemaphoreSlim(0);
        var submits = customers.Select(async customer =>
        {
            await start.WaitAsync();
            return (Customer: customer, Accepted: await _client.PostOrderAsync(customer, (sku, 1)));
        }).ToList();
        start.Release(Customers);
        var accepted = await Task.WhenAll(submits);
        _ledger.Orders.AddRange(accepted.Select(a => a.Accepted.OrderId));

        var oversold = new List<ProductDto>();
        using var watching = new CancellationTokenSource();
        var watcher = WatchForOversellingAsync(sku, oversold, watching.Token);
        var orders = await Task.WhenAll(accepted.Select(a => _client.WaitForTerminalAsync(a.Accepted.OrderId, AllTerminal)));
        await watching.CancelAsync();
        await watcher;

        // Assert
        var completed = orders.Where(o => o.Status == "Completed").ToList();
        var cancelled = orders.Where(o => o.Status == "Cancelled").ToList();
        completed.Should().HaveCount(Units);
        cancelled.Should().HaveCount(Customers - Units);
        cancelled.Should().OnlyContain(o => o.Reason == "OutOfStock", "the only thing these orders lacked was stock");
        oversold.Should().BeEmpty("stock must never be promised beyond what is on hand");

        var product = await _client.GetProductAsync(sku);
        (product.OnHand, product.Reserved, product.Available).Should().Be((0, 0, 0));

        foreach (var order in orders)
        {
            var payments = await _client.GetPaymentsAsync(order.OrderId);
            var account = await _client.GetAccountAsync(order.CustomerId);
            if (order.Status == "Completed")
            {
                payments.Should().ContainSingle(p => p.Status == "Charged").Which.Amount.Should().Be(UnitPrice);
                account.Balance.Should().Be(Balance - UnitPrice, $"{order.CustomerId} completed and paid once");
            }
            else
            {
                payments.Should().NotContain(p => p.Status == "Charged");
                account.Balance.Should().Be(Balance, $"{order.CustomerId} was cancelled and must not pay");
            }
        }

        await Invariants.AssertHoldAsync(_client, _ledger, ScenarioTimeouts.Quiet);
    }

    private async Task WatchForOversellingAsync(string sku, List<ProductDto> oversold, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var product = await _client.GetProductAsync(sku);
            if (product.OnHand < 0 || product.Reserved < 0 || product.Reserved > product.OnHand || product.Available < 0
                || product.OnHand > Units)
            {
                oversold.Add(product);
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        GC.SuppressFinalize(this);
    }
}
