using System.Diagnostics;

namespace Shop.LocalHost;

/// <summary>What <c>./shop run</c> does: start, report where everything is, run until told to stop, stop it all.</summary>
internal static class LocalHostCommand
{
    private static readonly Lock ConsoleGate = new();

    public static async Task<int> RunAsync(LocalHostArguments arguments, CancellationToken stopping)
    {
        var options = new LocalTopologyOptions
        {
            Replicas = arguments.Replicas,
            KafkaPartitions = arguments.Partitions,
            EnvironmentName = arguments.Environment,
            OutputLine = arguments.Quiet ? null : Echo,
            Notes = message => Write(Console.Out, $"shop: {message}"),
        };
        options = arguments.StateFile is null ? options : options with { StateFilePath = arguments.StateFile };
        options = arguments.LogDirectory is null ? options : options with { LogDirectory = arguments.LogDirectory };
        options = arguments.Services is null ? options : options with { Services = arguments.Services };

        LocalTopology? topology = null;
        try
        {
            var clock = Stopwatch.StartNew();
            Write(Console.Out, $"shop: starting the topology ({options.Configuration} build from {options.RepoRoot})");
            topology = await LocalTopology.StartAsync(options, stopping);
            await topology.WaitForHealthyAsync(arguments.HealthTimeout, stopping);
            PrintComponents(topology, clock.Elapsed);
            await Task.Delay(Timeout.Infinite, stopping);
            return 0;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping on request is a clean end, whenever it comes.
            if (topology is null)
            {
                Write(Console.Out, "shop: stopped before start-up finished");
            }

            return 0;
        }
        catch (LocalTopologyException ex)
        {
            Write(Console.Error, $"shop: {ex.Message}");
            return 1;
        }
        finally
        {
            if (topology is not null)
            {
                Write(Console.Out, "shop: stopping every component");
                await topology.DisposeAsync();
                Write(Console.Out, "shop: stopped");
            }
        }
    }

    private static void PrintComponents(LocalTopology topology, TimeSpan elapsed)
    {
        var verdict = topology.ServiceInstances.Count > 0 ? " (every service answers /health with 200)" : "";
        var lines = new List<string> { $"shop: ready after {elapsed.TotalSeconds:0.0} s{verdict}", $"  {"NAME",-16} {"PID",-8} ADDRESS" };
        foreach (var component in topology.Components)
        {
            var address = component.Url?.GetLeftPart(UriPartial.Authority)
                ?? component.BootstrapServers
                ?? $"127.0.0.1:{component.Port}";
            lines.Add($"  {component.Name,-16} {component.Pid,-8} {address}");
        }

        lines.Add($"  state: {topology.StateFilePath ?? "(none)"}   logs: {topology.Options.LogDirectory}   Ctrl+C stops everything");
        Write(Console.Out, string.Join(Environment.NewLine, lines));
    }

    private static void Echo(string component, string line) => Write(Console.Out, $"{component,-13}| {line}");

    private static void Write(TextWriter writer, string text)
    {
        // Components write from many threads; whole lines keep the console readable.
        lock (ConsoleGate)
        {
            writer.WriteLine(text);
        }
    }
}
