namespace Shop.LocalHost.Health;

/// <summary>Waiting for a condition with a deadline, the one way this project waits for anything.</summary>
internal static class Poll
{
    /// <summary>
    /// Evaluates <paramref name="condition"/> until it is true; after <paramref name="timeout"/> throws a
    /// <see cref="LocalTopologyException"/> with <paramref name="timeoutMessage"/>. The condition may throw to
    /// fail at once (a process that exited will not become ready).
    /// </summary>
    public static async Task UntilAsync(
        Func<CancellationToken, Task<bool>> condition,
        TimeSpan timeout,
        Func<string> timeoutMessage,
        CancellationToken cancellationToken,
        TimeSpan? interval = null)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!await condition(cancellationToken))
        {
            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw new LocalTopologyException(timeoutMessage());
            }

            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }
}
