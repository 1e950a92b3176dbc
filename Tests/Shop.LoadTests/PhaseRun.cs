using System.Diagnostics;

namespace Shop.LoadTests;

/// <summary>The raw outcome of one load phase: every order it placed, and the measured window
/// [<see cref="Start"/>, <see cref="End"/>] (Stopwatch timestamps). Orders still in flight at the end are awaited
/// and kept: their latency counts, but only completions inside the window count towards throughput.</summary>
public sealed class PhaseRun(string name, LoadMode mode, int? concurrency, double? rate)
{
    private readonly List<OrderSample> _samples = [];
    private int _reported;

    public string Name { get; } = name;

    public LoadMode Mode { get; } = mode;

    public int? Concurrency { get; } = concurrency;

    public double? Rate { get; } = rate;

    public long Start { get; private set; }

    public long End { get; private set; }

    /// <summary>Open loop only: arrivals not sent because too many orders were already in flight.</summary>
    public int Skipped { get; set; }

    public long Polls { get; set; }

    public DatabaseCounters? DatabaseBefore { get; set; }

    public DatabaseCounters? DatabaseAfter { get; set; }

    public string LoadAverageAfter { get; set; } = "";

    public IReadOnlyDictionary<string, double>? CpuBefore { get; set; }

    public IReadOnlyDictionary<string, double>? CpuAfter { get; set; }

    public TimeSpan Duration => Stopwatch.GetElapsedTime(Start, End);

    public void Begin(TimeSpan duration)
    {
        Start = Stopwatch.GetTimestamp();
        End = Start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
    }

    public void Add(OrderSample sample)
    {
        lock (_samples)
        {
            _samples.Add(sample);
        }
    }

    public IReadOnlyList<OrderSample> Samples
    {
        get
        {
            lock (_samples)
            {
                return [.. _samples];
            }
        }
    }

    /// <summary>Samples added since the previous call (for the live progress line).</summary>
    public List<OrderSample> TakeNew()
    {
        lock (_samples)
        {
            var fresh = _samples.GetRange(_reported, _samples.Count - _reported);
            _reported = _samples.Count;
            return fresh;
        }
    }
}
