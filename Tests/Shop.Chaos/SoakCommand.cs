using System.Diagnostics;
using Shop.LocalHost;
using Shop.Scenarios;

namespace Shop.Chaos;

/// <summary>
/// <c>./shop soak</c> (issue 4 item 7): starts its own LocalTopology, runs the chaos loop for the given duration
/// (PostgreSQL restarted every few minutes rather than once), prints orders run, faults per kind and the invariant
/// check. Exit code 0 when everything held, 1 on a violation, 2 on bad arguments, 3 when the shop did not start.
/// </summary>
public static class SoakCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        SoakArguments arguments;
        try
        {
            arguments = SoakArguments.Parse(args);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine($"soak: {ex.Message}\n{SoakArguments.Usage}");
            return 2;
        }

        var clock = Stopwatch.StartNew();
        void Log(string line) => Console.WriteLine($"[{clock.Elapsed:hh\\:mm\\:ss}] {line}");
        Log($"chaos seed: {arguments.Seed}");
        using var interrupted = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            interrupted.Cancel();
        };

        var folder = Path.Combine(new LocalTopologyOptions().RepoRoot, ".shop", "soak");
        var options = ChaosTopology.Options(arguments.Replicas, folder, note => Log($"[LocalHost] {note}"));
        await using var topology = await LocalTopology.StartAsync(options, interrupted.Token);
        try
        {
            await topology.WaitForHealthyAsync(TimeSpan.FromMinutes(3), interrupted.Token);
            var system = new TopologyShopSystem(topology, TimeSpan.FromSeconds(60), ChaosTopology.StepDeadline);
            await SystemWarmUp.RunAsync(system, TimeSpan.FromMinutes(2));
        }
        catch (LocalTopologyException ex)
        {
            Console.Error.WriteLine($"soak: the shop did not start: {ex.Message}");
            return 3;
        }

        Log($"shop ready ({topology.ServiceInstances.Count} service processes); logs in {options.LogDirectory}");
        var chaos = new ChaosOptions
        {
            Seed = arguments.Seed,
            Duration = arguments.Duration,
            MaxOrders = int.MaxValue,
            OrdersPerSecond = arguments.OrdersPerSecond,
            Customers = 300,
            MinFaultGap = TimeSpan.FromSeconds(3),
            MaxFaultGap = TimeSpan.FromSeconds(10),
            PostgresRestartInterval = TimeSpan.FromMinutes(3),
            QuietTimeout = TimeSpan.FromMinutes(3),
        };
        var report = await new ChaosLoop(topology, chaos, Log).RunAsync(ChaosTopology.StepDeadline, interrupted.Token);
        Console.WriteLine();
        Console.WriteLine($"soak of {arguments.Duration} with {arguments.Replicas} replica(s) per service:");
        Console.WriteLine(report);
        Console.WriteLine(report.Passed ? "soak: PASSED" : "soak: FAILED");
        return report.Passed ? 0 : 1;
    }
}
