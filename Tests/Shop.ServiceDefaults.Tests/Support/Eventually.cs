namespace Shop.ServiceDefaults.Tests.Support;

internal static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public static async Task<T> ReturnsAsync<T>(Func<T?> probe, string what)
        where T : class
    {
        var deadline = DateTime.UtcNow + DefaultTimeout;
        while (true)
        {
            if (probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up after {DefaultTimeout} waiting for {what}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }
}
