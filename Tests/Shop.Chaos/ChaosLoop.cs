using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Shop.AppHost.Testing;
using Shop.Scenarios;
using Shop.Scenarios.Client;

namespace Shop.Chaos;

/// <summary>
/// The chaos loop (issue 4 item 1): against a running <see cref="ShopAppHost"/>, seeds a catalog, places a stream
/// of orders with mixed expected outcomes while <see cref="FaultInjector"/> breaks things, waits until every order
/// is terminal, then checks DESIGN §2's invariants exactly and that each outcome fits what the order was drawn as.
/// Everything random comes from <see cref="ChaosOptions.Seed"/>, printed first, so a failing run can be replayed
/// (the same orders and faults in the same order; the moments still depend on the machine).
/// </summary>
public sealed class ChaosLoop(ShopAppHost shop, ChaosOptions options, Action<string> log)
{
    private const int MaxInFlight = 32;

    public async Task<ChaosReport> RunAsync(TimeSpan sagaStepDeadline, CancellationToken cancellationToken = default)
    {
        log($"chaos seed: {options.Seed}");
        using var client = new ShopClient(new AppHostShopSystem(shop, options.HttpPatience, sagaStepDeadline));
        var catalog = await ShopCatalog.SeedAsync(client, new Random(options.Seed), options.Customers);

        var placed = new ConcurrentBag<PlacedOrder>();
        var submissionErrors = new ConcurrentQueue<string>();
        var injector = new FaultInjector(shop, options, log);
        var clock = Stopwatch.StartNew();
        using var stopFaults = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var faults = injector.RunAsync(DateTimeOffset.UtcNow + options.Duration, stopFaults.Token);

        var inFlight = new SemaphoreSlim(MaxInFlight);
        var orders = new List<Task>();
        using (var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / options.OrdersPerSecond)))
        {
            while (orders.Count < options.MaxOrders && clock.Elapsed < options.Duration && await timer.WaitForNextTickAsync(cancellationToken))
            {
                var plan = catalog.NextOrder();
                await inFlight.WaitAsync(cancellationToken);
                orders.Add(PlaceAsync(client, plan, placed, submissionErrors, inFlight));
                if (orders.Count % 50 == 0)
                {
                    log($"traffic: {orders.Count} orders sent after {clock.Elapsed.TotalSeconds:0} s");
                }
            }
        }

        await Task.WhenAll(orders);
        var trafficTime = clock.Elapsed;
        log($"traffic: done, {placed.Count} orders accepted in {trafficTime.TotalSeconds:0} s; waiting for the faults to end");
        await faults;

        // Quiet: Kafka is healed and every process is back; now every order must come to an end.
        var quiet = Stopwatch.StartNew();
        var final = await WaitForTerminalAsync(client, [.. placed], options.QuietTimeout, cancellationToken);
        var quietAfter = quiet.Elapsed;
        log($"quiet: {final.Count(o => o.Value.IsTerminal)}/{placed.Count} orders terminal {quietAfter.TotalSeconds:0.0} s after the traffic");

        var stuck = placed.Select(order => order.OrderId).Where(id => !final.TryGetValue(id, out var order) || !order.IsTerminal).ToList();
        var diagnosis = stuck.Count == 0 ? [] : await StuckOrderDiagnosis.DescribeAsync(shop, stuck);
        foreach (var line in diagnosis)
        {
            log($"stuck: {line}");
        }

        catalog.Ledger.Orders.AddRange(placed.Select(order => order.OrderId));
        var violations = await CheckInvariantsAsync(client, catalog.Ledger, options.QuietTimeout - quiet.Elapsed, cancellationToken);
        violations.AddRange(CheckPlausibility(catalog, [.. placed], final));

        var outcomes = final.Values
            .GroupBy(order => order.Reason is null ? order.Status : $"{order.Status}({order.Reason})")
            .ToDictionary(group => group.Key, group => group.Count());
        return new ChaosReport(options.Seed, placed.Count, outcomes, injector.Counts, [.. submissionErrors], violations,
            [.. placed], trafficTime, quietAfter, stuck.Count, diagnosis);
    }

    private static async Task PlaceAsync(
        ShopClient client, OrderPlan plan, ConcurrentBag<PlacedOrder> placed, ConcurrentQueue<string> errors, SemaphoreSlim inFlight)
    {
        try
        {
            var accepted = await client.PostOrderAsync(plan.CustomerId, [.. plan.Items]);
            var order = new PlacedOrder(accepted.OrderId, plan);
            placed.Add(order);
            if (plan.CancelAfter is { } after)
            {
                await Task.Delay(after);
                using var response = await client.CancelOrderAsync(order.OrderId);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    order.CancelAccepted = true;
                }
                else if (response.StatusCode != HttpStatusCode.Conflict)
                {
                    errors.Enqueue($"cancel of {order.OrderId} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        }
        catch (Exception ex)
        {
            errors.Enqueue($"{plan.Kind} order of {plan.CustomerId}: {ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            inFlight.Release();
        }
    }

    private static async Task<Dictionary<Guid, OrderDto>> WaitForTerminalAsync(
        ShopClient client, IReadOnlyList<PlacedOrder> placed, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var latest = new ConcurrentDictionary<Guid, OrderDto>();
        var pending = placed.Select(order => order.OrderId).ToList();
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
                async (id, _) =>
                {
                    if (await client.GetOrderAsync(id) is { } order)
                    {
                        latest[id] = order;
                    }
                });
            pending = [.. pending.Where(id => !latest.TryGetValue(id, out var order) || !order.IsTerminal)];
            if (pending.Count == 0 || DateTimeOffset.UtcNow >= deadline)
            {
                return new Dictionary<Guid, OrderDto>(latest);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }

    private static async Task<List<string>> CheckInvariantsAsync(
        ShopClient client, ScenarioLedger ledger, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // A compensation may still be on its way after the last order turned terminal: check again until a deadline.
        var deadline = DateTimeOffset.UtcNow + (timeout > TimeSpan.FromSeconds(20) ? timeout : TimeSpan.FromSeconds(20));
        while (true)
        {
            var violations = await Invariants.FindViolationsAsync(client, ledger);
            if (violations.Count == 0 || DateTimeOffset.UtcNow >= deadline)
            {
                return violations;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    /// <summary>Outcomes each kind of order may legitimately have, whatever the faults did.</summary>
    private static IEnumerable<string> CheckPlausibility(ShopCatalog catalog, IReadOnlyList<PlacedOrder> placed, IReadOnlyDictionary<Guid, OrderDto> final)
    {
        string[] deadlineReasons = ["PaymentTimeout", "ReservationTimeout"];
        foreach (var order in placed)
        {
            if (!final.TryGetValue(order.OrderId, out var dto) || !dto.IsTerminal)
            {
                continue; // reported by the invariants
            }

            var outcome = $"{dto.Status}({dto.Reason})";
            var plausible = order.Plan.Kind switch
            {
                OrderKind.Plain => dto.Status == "Completed" || deadlineReasons.Contains(dto.Reason),
                OrderKind.Scarce => dto.Status == "Completed" || dto.Reason == "OutOfStock" || deadlineReasons.Contains(dto.Reason),
                OrderKind.Broke => dto.Status == "Cancelled" && (dto.Reason == "PaymentDeclined" || deadlineReasons.Contains(dto.Reason)),
                OrderKind.CustomerCancels => dto.Status == "Completed" || dto.Reason == "CustomerCancelled" || deadlineReasons.Contains(dto.Reason),
                _ => false,
            };
            if (!plausible)
            {
                yield return $"{order.Plan.Kind} order {order.OrderId} of {order.Plan.CustomerId} ended {outcome}";
            }

            if (order.Plan.Kind == OrderKind.CustomerCancels && !order.CancelAccepted && dto.Reason == "CustomerCancelled")
            {
                yield return $"order {order.OrderId} was cancelled by its customer although the cancel was refused (409)";
            }
        }

        // Scarce products never sell more than they had: the invariants compare stock with Completed orders,
        // this compares Completed orders with what there was.
        foreach (var sku in catalog.ScarceProducts)
        {
            var sold = final.Values.Where(o => o.Status == "Completed").SelectMany(o => o.Items).Where(i => i.Sku == sku).Sum(i => i.Quantity);
            if (sold > catalog.Ledger.InitialStock[sku])
            {
                yield return $"{sku} oversold: {sold} sold of {catalog.Ledger.InitialStock[sku]}";
            }
        }
    }
}
