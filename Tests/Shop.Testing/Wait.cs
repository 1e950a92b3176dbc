namespace Shop.Testing;

/// <summary>Polls a probe until it yields a value or a deadline passes; the tests never sleep a fixed time.</summary>
public static class Wait
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Returns the first non-null value of <paramref name="probe"/>; fails the test with
    /// <paramref name="what"/> if there is none within <paramref name="timeout"/>.</summary>
    public static Task<T> ForAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
        where T : class =>
        PollAsync(async () => await probe() is { } value ? (true, value) : (false, default!), timeout, what);

    public static Task<T> ForAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
        where T : struct =>
        PollAsync(async () => await probe() is { } value ? (true, value) : (false, default), timeout, what);

    public static Task<T> ForAsync<T>(Func<T?> probe, TimeSpan timeout, string what)
        where T : class =>
        ForAsync(() => Task.FromResult(probe()), timeout, what);

    public static Task<T> ForAsync<T>(Func<T?> probe, TimeSpan timeout, string what)
        where T : struct =>
        ForAsync(() => Task.FromResult(probe()), timeout, what);

    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        PollAsync(() => Task.FromResult((condition(), true)), timeout, what);

    public static Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what) =>
        PollAsync(async () => (await condition(), true), timeout, what);

    private static async Task<T> PollAsync<T>(Func<Task<(bool Found, T Value)>> probe, TimeSpan timeout, string what)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var (found, value) = await probe();
            if (found)
            {
                return value;
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw new TimeoutException($"{what}: not within {timeout.TotalSeconds:0.#} s");
            }

            await Task.Delay(Interval);
        }
    }
}
