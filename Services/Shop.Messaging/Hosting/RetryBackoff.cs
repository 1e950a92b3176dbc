namespace Shop.Messaging.Hosting;

/// <summary>Exponential backoff with full jitter for background loops that must keep trying
/// (a database or broker that is not up yet) without hammering it or retrying in lock-step.</summary>
public sealed class RetryBackoff(TimeSpan initial, TimeSpan maximum)
{
    private int _attempt;

    public static RetryBackoff Default() => new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));

    public int Attempt => _attempt;

    public TimeSpan Next()
    {
        var exponent = Math.Min(_attempt++, 16);
        var ceiling = Math.Min(maximum.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, exponent));
        // Full jitter keeps a half of the wait so a restart storm still spreads out but never spins.
        var delay = ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2;
        return TimeSpan.FromMilliseconds(delay);
    }

    public void Reset() => _attempt = 0;
}
