namespace Shop.Redis;

/// <summary>The <c>Redis</c> configuration section: timeouts and reconnect pacing of the client.</summary>
public sealed class RedisClientOptions
{
    public const string SectionName = "Redis";

    /// <summary>How long one connect (TCP, TLS, AUTH, SELECT) may take.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a command waits for its reply before <see cref="RedisTimeoutException"/>.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the health check waits for <c>PING</c> before it reports Redis as degraded.</summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>First wait before reconnecting; doubles per failed attempt (with jitter) up to <see cref="ReconnectMaxDelay"/>.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(5);
}
