namespace Shop.LocalHost.Supervision;

/// <summary>Timings of supervision, shared by every component of a topology.</summary>
/// <param name="RestartDelay">Pause before restarting a process that exited on its own.</param>
/// <param name="MaxRestartDelay">Ceiling of the pause while a process keeps exiting soon after start.</param>
/// <param name="StableAfter">A process that ran this long counts as healthy: its next exit restarts it promptly again.</param>
/// <param name="StopGracePeriod">How long a process may take to stop cleanly before it is killed.</param>
internal sealed record SupervisionPolicy(
    TimeSpan RestartDelay,
    TimeSpan MaxRestartDelay,
    TimeSpan StableAfter,
    TimeSpan StopGracePeriod)
{
    /// <summary>Delay before restart number <paramref name="quickExits"/> in a row of early exits (1 = first).</summary>
    public TimeSpan DelayAfter(int quickExits)
    {
        // The first exit restarts after the base delay (a deliberate kill -9 must come back quickly);
        // each further early exit doubles it, so a crash loop does not burn the CPU the others need.
        var factor = Math.Pow(2, Math.Clamp(quickExits - 1, 0, 16));
        return TimeSpan.FromTicks((long)Math.Min(RestartDelay.Ticks * factor, MaxRestartDelay.Ticks));
    }
}
