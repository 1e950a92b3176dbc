using System.Diagnostics;
using Shop.AppHost.Testing;
using Shop.Scenarios;

namespace Shop.Chaos;

/// <summary>
/// <c>./shop soak</c> (issue 4 item 7): starts its own AppHost (two replicas of every service by default), runs the chaos loop for the given duration
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

        ShopAppHost shop;
        try
        {
            shop = await ShopAppHost.StartAsync(ChaosShop.Options(arguments.Replicas), interrupted.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Console.Error.WriteLine($"soak: the shop did not start: {ex.Message}");
            return 3;
        }

        await using var _ = shop;
        var system = new AppHostShopSystem(shop, TimeSpan.FromSeconds(60), ChaosShop.StepDeadline);
        await SystemWarmUp.RunAsync(system, TimeSpan.FromMinutes(2));
        Log($"shop ready ({shop.ServiceInstances().Count} service processes); each one's log is the AppHost's resource log");
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
        var report = await new ChaosLoop(shop, chaos, Log).RunAsync(ChaosShop.StepDeadline, interrupted.Token);
        Console.WriteLine();
        Console.WriteLine($"soak of {arguments.Duration} with {arguments.Replicas} replica(s) per service:");
        Console.WriteLine(report);
        Console.WriteLine(report.Passed ? "soak: PASSED" : "soak: FAILED");
        return report.Passed ? 0 : 1;
    }
}
