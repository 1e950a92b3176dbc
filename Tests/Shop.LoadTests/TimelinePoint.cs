namespace Shop.LoadTests;

/// <summary>One second of a phase: how many orders became terminal in it, and their latency percentiles (ms).</summary>
public sealed record TimelinePoint(int Second, int Terminal, double P50, double P90, double P99)
{
    public static TimelinePoint From(int second, IEnumerable<double> latencies)
    {
        var p = Percentiles.Of(latencies)!;
        return new TimelinePoint(second, p.Count, p.P50, p.P90, p.P99);
    }
}
