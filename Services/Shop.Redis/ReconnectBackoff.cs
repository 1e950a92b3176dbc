namespace Shop.Redis;

/// <summary>Exponential backoff with jitter between reconnect attempts, so a fleet of replicas that lost Redis together
/// does not reconnect in lock-step, and a Redis that stays away is not hammered.</summary>
internal sealed class ReconnectBackoff(TimeSpan minimum, TimeSpan maximum)
{
    private int _attempt;

    public TimeSpan Next()
    {
        var ceiling = Math.Min(maximum.TotalMilliseconds, minimum.TotalMilliseconds * Math.Pow(2, Math.Min(_attempt++, 20)));
        // Keep half of the wait fixed and jitter the other half: spread out, but never a tight spin.
        return TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
    }

    public void Reset() => _attempt = 0;
}
