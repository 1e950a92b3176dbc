using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Shop.AppHost.Testing;
using Shop.Scenarios;
using Shop.Scenarios.Client;

namespace Shop.LoadTests;

/// <summary>One run of the generator: pick the target, seed, warm up, load, measure the PostgreSQL ceiling, check
/// the invariants, write the reports. Returns 0 when orders went through and the invariants held.</summary>
public static class LoadCommand
{
    private const double FindMaxRise = 1.05;
    private const int FindMaxFirstConcurrency = 4;
    private const int WarmupConcurrency = 8;

    public static async Task<int> RunAsync(LoadOptions options, TextWriter output, TextWriter progress, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var loadBefore = MachineInfo.LoadAverage();
        var repoRoot = RepositoryRoot.Find();
        var reportDirectory = Path.GetFullPath(options.ReportDirectory
            ?? Path.Combine(repoRoot, ".shop", "load", started.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)));
        var quietNotes = options.Quiet;

        await using var target = options.StartAppHost
            ? await StartAppHostAsync(options, progress)
            : LoadTarget.FromStateFile(options.StateFile ?? Path.Combine(repoRoot, ".shop", "state.json"));
        using var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        var system = new HttpShopSystem(target, handler);
        using var shop = new ShopClient(system);

        var workload = new Workload(new ScenarioLedger(), options.Mix);
        progress.WriteLine($"[load] seeding {options.Products} products and {options.Customers} customers (run {workload.RunSuffix})");
        await workload.SeedAsync(shop, options.Products, options.Customers, cancellationToken);

        var orders = target.Services["orders"].Select(url => new HttpClient(handler, disposeHandler: false)
        {
            BaseAddress = url,
            Timeout = options.OrderTimeout,
        }).ToList();
        var counters = new LoadCounters();
        var database = new DatabaseProbe(target.PostgresPort);
        IOrderObserver observer = options.Observe == ObservationMethod.Events
            ? new EventStreamObserver(counters)
            : new PollingObserver(options.PollFloor, counters);
        var driver = new OrderDriver(orders, workload, observer, options.OrderTimeout, counters);
        var runner = new PhaseRunner(driver, counters, database,
            () => [.. target.Processes(), ("generator", Environment.ProcessId)], progress, options.Quiet);

        var phases = new List<PhaseReport>();
        if (options.Warmup > TimeSpan.Zero)
        {
            progress.WriteLine($"[load] warming up: {WarmupConcurrency} clients for {options.Warmup.TotalSeconds:0} s");
            phases.Add(PhaseReport.From(await runner.RunClosedAsync("warmup", WarmupConcurrency, options.Warmup, cancellationToken)));
        }

        var headline = await RunMeasuredPhasesAsync(options, runner, phases, progress, cancellationToken);

        PgbenchResult? ceiling = null;
        if (options.PgbenchDuration > TimeSpan.Zero)
        {
            progress.WriteLine($"[load] PostgreSQL ceiling: pgbench, {PgbenchCeiling.Clients} clients, {options.PgbenchDuration.TotalSeconds:0} s");
            ceiling = await PgbenchCeiling.RunAsync(database, options.PgbenchDuration, cancellationToken);
        }

        progress.WriteLine($"[load] checking the DESIGN §2 invariants over {workload.Ledger.Orders.Count} orders");
        var invariants = await CheckInvariantsAsync(shop, workload.Ledger);

        var report = new LoadReport(
            started,
            "Shop.LoadTests " + string.Join(' ', options.Arguments),
            new MachineReport(Environment.ProcessorCount, MachineInfo.Processor(), loadBefore, MachineInfo.LoadAverage(), RuntimeInformation.OSDescription),
            target.Description,
            observer.Description,
            options.Mix.ToString(),
            phases,
            headline,
            ceiling,
            invariants,
            counters.Errors.OrderBy(e => e.Key).ToDictionary(e => e.Key, e => e.Value),
            counters.Rejections.OrderBy(e => e.Key).ToDictionary(e => e.Key, e => e.Value),
            [.. counters.ErrorExamplesSeen]);
        var (json, html) = await ReportWriter.WriteAsync(report, reportDirectory);
        PrintSummary(report, output, json, html);
        foreach (var client in orders)
        {
            client.Dispose();
        }

        return invariants.Held && phases.Any(p => p.Name == headline && p.Terminal > 0) ? 0 : 1;
    }

    private static async Task<string> RunMeasuredPhasesAsync(
        LoadOptions options, PhaseRunner runner, List<PhaseReport> phases, TextWriter progress, CancellationToken cancellationToken)
    {
        if (options.Mode == LoadMode.Open)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"open {options.Rate:0.#}/s");
            progress.WriteLine($"[load] {name} for {options.Duration.TotalSeconds:0} s");
            phases.Add(PhaseReport.From(await runner.RunOpenAsync(name, options.Rate, options.Duration, options.MaxInFlight, cancellationToken)));
            return name;
        }

        if (!options.FindMax)
        {
            var name = $"closed c={options.Concurrency}";
            progress.WriteLine($"[load] {name} for {options.Duration.TotalSeconds:0} s");
            phases.Add(PhaseReport.From(await runner.RunClosedAsync(name, options.Concurrency, options.Duration, cancellationToken)));
            return name;
        }

        PhaseReport? best = null;
        for (var concurrency = FindMaxFirstConcurrency; concurrency <= options.MaxConcurrency; concurrency *= 2)
        {
            var name = $"closed c={concurrency}";
            progress.WriteLine($"[load] find-max step {name} for {options.Duration.TotalSeconds:0} s");
            var step = PhaseReport.From(await runner.RunClosedAsync(name, concurrency, options.Duration, cancellationToken));
            phases.Add(step);
            if (best is not null && step.CompletedSagasPerSecond < best.CompletedSagasPerSecond * FindMaxRise)
            {
                // Throughput stopped rising by 5% per doubling: the system is saturated; more clients only queue.
                break;
            }

            best = best is null || step.CompletedSagasPerSecond > best.CompletedSagasPerSecond ? step : best;
        }

        return best!.Name;
    }

    private static async Task<LoadTarget> StartAppHostAsync(LoadOptions options, TextWriter progress)
    {
        progress.WriteLine($"[load] starting the AppHost ({options.Replicas} replica(s) per service)");
        return await LoadTarget.StartAppHostAsync(options);
    }

    private static async Task<InvariantsReport> CheckInvariantsAsync(ShopClient shop, ScenarioLedger ledger)
    {
        // Compensations and the last sagas may still be running: the check retries until this deadline.
        var timeout = TimeSpan.FromSeconds(60 + ledger.Orders.Count / 200.0);
        var watch = Stopwatch.StartNew();
        try
        {
            await Invariants.AssertHoldAsync(shop, ledger, timeout);
            return new InvariantsReport(true, ledger.Orders.Count, Math.Round(watch.Elapsed.TotalSeconds, 1), null);
        }
        catch (Exception ex) when (ex is Xunit.Sdk.XunitException or HttpRequestException)
        {
            return new InvariantsReport(false, ledger.Orders.Count, Math.Round(watch.Elapsed.TotalSeconds, 1), ex.Message);
        }
    }

    private static void PrintSummary(LoadReport report, TextWriter output, string json, string html)
    {
        foreach (var phase in report.Phases)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(phase.Name == report.Headline ? "*" : " ")} {phase.Name,-14} {phase.CompletedSagasPerSecond,7:0.0} sagas/s  " +
                $"p50 {phase.LatencyMs?.P50,6:0.0}  p90 {phase.LatencyMs?.P90,6:0.0}  p99 {phase.LatencyMs?.P99,7:0.0}  max {phase.LatencyMs?.Max,7:0.0} ms  " +
                $"errors {phase.Errors}  rejected {phase.Rejected}{(phase.RejectedAnswerMs is { } refused ? $" (p99 {refused.P99:0.0} ms)" : "")}  timeouts {phase.Timeouts}  commits/saga {phase.Database?.CommitsPerSaga:0.0} (writes {phase.Database?.WriteTransactionsPerSaga:0.0})  " +
                $"CPU ms/saga {phase.CpuMsPerSaga.GetValueOrDefault("total"):0.0} (shop {phase.CpuMsPerSaga.Where(p => p.Key is not ("total" or "generator")).Sum(p => p.Value):0.0})  load {phase.LoadAverageAfter}"));
        }

        output.WriteLine(report.PostgresCeiling?.CommitsPerSecond is { } tps
            ? string.Create(CultureInfo.InvariantCulture, $"PostgreSQL ceiling: {tps:0} single-row INSERT commits/s ({PgbenchCeiling.Clients} clients)")
            : $"PostgreSQL ceiling: {report.PostgresCeiling?.Method ?? "not measured"}");
        output.WriteLine(report.Invariants.Held
            ? $"invariants: held over {report.Invariants.Orders} orders"
            : $"invariants: VIOLATED\n{report.Invariants.Violations}");
        output.WriteLine($"report: {json}\n        {html}");
    }
}
