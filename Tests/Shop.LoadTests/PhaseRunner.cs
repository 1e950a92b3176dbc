using System.Diagnostics;
using System.Globalization;

namespace Shop.LoadTests;

/// <summary>Runs load phases (closed or open loop) through one <see cref="OrderDriver"/> and prints a progress line
/// once a second on stderr.</summary>
public sealed class PhaseRunner(
    OrderDriver driver, LoadCounters counters, DatabaseProbe database, Func<IReadOnlyList<(string Name, int Pid)>> processes, TextWriter progress, bool quiet)
{
    private static readonly TimeSpan ErrorPause = TimeSpan.FromMilliseconds(100);
    private int _seed = 5;

    /// <summary>Closed loop: <paramref name="concurrency"/> clients, each placing its next order when the last is terminal.</summary>
    public async Task<PhaseRun> RunClosedAsync(string name, int concurrency, TimeSpan duration, CancellationToken cancellationToken)
    {
        var run = new PhaseRun(name, LoadMode.Closed, concurrency, rate: null);
        await MeasureAsync(run, duration, async () =>
        {
            var clients = Enumerable.Range(0, concurrency).Select(async _ =>
            {
                var random = new Random(Interlocked.Increment(ref _seed));
                while (Stopwatch.GetTimestamp() < run.End && !cancellationToken.IsCancellationRequested)
                {
                    var sample = await driver.RunAsync(random, cancellationToken);
                    run.Add(sample);
                    if (sample.IsError || sample.IsRejected)
                    {
                        // A client whose order failed or was refused at once (connection refused, 5xx) would otherwise
                        // hammer the service in a tight loop; a real client backs off too.
                        await Task.Delay(ErrorPause, cancellationToken);
                    }
                }
            });
            await Task.WhenAll(clients);
        }, cancellationToken);
        return run;
    }

    /// <summary>Open loop: orders start at <paramref name="rate"/> per second on a fixed schedule, however many are
    /// still in flight (up to <paramref name="maxInFlight"/>; arrivals beyond it are counted as skipped).</summary>
    public async Task<PhaseRun> RunOpenAsync(string name, double rate, TimeSpan duration, int maxInFlight, CancellationToken cancellationToken)
    {
        var run = new PhaseRun(name, LoadMode.Open, concurrency: null, rate);
        await MeasureAsync(run, duration, async () =>
        {
            var random = new Random(Interlocked.Increment(ref _seed));
            var inFlight = new List<Task>();
            var total = (long)(rate * duration.TotalSeconds);
            for (long i = 0; i < total && !cancellationToken.IsCancellationRequested; i++)
            {
                var due = run.Start + (long)(i / rate * Stopwatch.Frequency);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(wait, cancellationToken);
                }

                if (counters.InFlight >= maxInFlight)
                {
                    run.Skipped++;
                    continue;
                }

                // Each arrival on its own Random: Random is not thread-safe and the drivers run concurrently.
                var arrival = new Random(random.Next());
                inFlight.Add(Task.Run(async () => run.Add(await driver.RunAsync(arrival, cancellationToken)), cancellationToken));
                if (inFlight.Count > 10_000)
                {
                    inFlight.RemoveAll(task => task.IsCompleted);
                }
            }

            await Task.WhenAll(inFlight);
        }, cancellationToken);
        return run;
    }

    private async Task MeasureAsync(PhaseRun run, TimeSpan duration, Func<Task> load, CancellationToken cancellationToken)
    {
        var pollsBefore = counters.Polls;
        run.DatabaseBefore = await database.TryReadAsync(cancellationToken);
        run.CpuBefore = ProcessCpu.Read(processes());
        run.Begin(duration);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var printer = quiet ? Task.CompletedTask : PrintProgressAsync(run, stop.Token);
        await load();
        run.CpuAfter = ProcessCpu.Read(processes());
        run.DatabaseAfter = await database.TryReadAsync(cancellationToken);
        run.Polls = counters.Polls - pollsBefore;
        run.LoadAverageAfter = MachineInfo.LoadAverage();
        await stop.CancelAsync();
        try
        {
            await printer;
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task PrintProgressAsync(PhaseRun run, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var polls = counters.Polls;
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            var fresh = run.TakeNew();
            var latency = Percentiles.Of(fresh.Where(s => s.IsTerminal).Select(s => s.LatencyMs!.Value));
            var pollsNow = counters.Polls;
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{run.Name} {Stopwatch.GetElapsedTime(run.Start).TotalSeconds,5:0}s] terminal/s {fresh.Count(s => s.IsTerminal),5}  in flight {counters.InFlight,5}  " +
                $"p50 {latency?.P50 ?? 0,6:0.0} ms  p99 {latency?.P99 ?? 0,7:0.0} ms  errors {fresh.Count(s => s.IsError)}  rejected {fresh.Count(s => s.IsRejected)}  timeouts {fresh.Count(s => s.IsTimeout)}  polls/s {pollsNow - polls}"));
            polls = pollsNow;
        }
    }
}
