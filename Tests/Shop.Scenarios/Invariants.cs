using Shop.Scenarios.Client;

namespace Shop.Scenarios;

/// <summary>
/// The invariants of DESIGN §2, checked through the HTTP APIs once the system is quiet: every order terminal;
/// stock sold = quantities of Completed orders, nothing left reserved; money taken = totals of Completed orders;
/// a Completed order charged exactly once, a Cancelled one not at all (a charge there must have been refunded).
/// Compensations may still be on their way when a test gets here, so the check is retried until a deadline.
/// </summary>
public static class Invariants
{
    public static async Task AssertHoldAsync(ShopClient client, ScenarioLedger ledger, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var violations = await FindViolationsAsync(client, ledger);
            if (violations.Count == 0)
            {
                return;
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw new Xunit.Sdk.XunitException(
                    $"DESIGN §2 invariants still violated after {timeout.TotalSeconds:0} s:\n  " + string.Join("\n  ", violations));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>Checks once and returns what is wrong (empty when the invariants hold), for callers that report rather than assert.</summary>
    public static async Task<List<string>> FindViolationsAsync(ShopClient client, ScenarioLedger ledger)
    {
        var violations = new List<string>();
        var orders = new List<OrderDto>();
        foreach (var id in ledger.Orders)
        {
            var order = await client.GetOrderAsync(id);
            if (order is null)
            {
                violations.Add($"order {id} is unknown to the orders service");
                continue;
            }

            if (!order.IsTerminal)
            {
                violations.Add($"order {id} is {order.Status}, not terminal");
            }

            orders.Add(order);
            var payments = await client.GetPaymentsAsync(id);
            var charged = payments.Where(p => p.Status == "Charged").ToList();
            if (payments.Count(p => p.Status is "Charged" or "Refunded") > 1)
            {
                violations.Add($"order {id} was charged more than once: {string.Join(", ", payments)}");
            }

            if (order.Status == "Completed" && (charged.Count != 1 || charged[0].Amount != order.Total))
            {
                violations.Add($"Completed order {id} (total {order.Total}) has charges {string.Join(", ", charged)}");
            }

            if (order.Status == "Cancelled" && charged.Count != 0)
            {
                violations.Add($"Cancelled order {id} still has money taken: {string.Join(", ", charged)}");
            }
        }

        var completed = orders.Where(o => o.Status == "Completed").ToList();
        foreach (var (sku, initial) in ledger.InitialStock)
        {
            var product = await client.GetProductAsync(sku);
            var sold = completed.SelectMany(o => o.Items).Where(i => i.Sku == sku).Sum(i => i.Quantity);
            if (product.OnHand != initial - sold || product.Reserved != 0 || product.Available != product.OnHand)
            {
                violations.Add($"{sku}: started with {initial}, Completed orders sold {sold}, now {product}");
            }
        }

        foreach (var (customer, initial) in ledger.InitialBalances)
        {
            var account = await client.GetAccountAsync(customer);
            var taken = completed.Where(o => o.CustomerId == customer).Sum(o => o.Total);
            if (account.Balance != initial - taken)
            {
                violations.Add($"{customer}: started with {initial}, Completed orders total {taken}, balance now {account.Balance}");
            }
        }

        return violations;
    }
}
