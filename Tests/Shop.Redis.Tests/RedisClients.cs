using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Shop.Redis.Tests;

/// <summary>Builds a <see cref="RedisConnection"/> as the service registration does, with test-friendly pacing.</summary>
public static class RedisClients
{
    public static IOptions<RedisClientOptions> Options { get; } = Microsoft.Extensions.Options.Options.Create(new RedisClientOptions
    {
        // Generous: the test machine is shared and loaded.
        CommandTimeout = TimeSpan.FromSeconds(30),
        HealthCheckTimeout = TimeSpan.FromSeconds(30),
        ReconnectMinDelay = TimeSpan.FromMilliseconds(50),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(500),
    });

    public static RedisConnection Connect(string connectionString) =>
        new(RedisEndpoint.Parse(connectionString), Options, NullLoggerFactory.Instance);

    public static RedisConnection Connect(string connectionString, TimeSpan commandTimeout) =>
        new(RedisEndpoint.Parse(connectionString), Microsoft.Extensions.Options.Options.Create(new RedisClientOptions
        {
            CommandTimeout = commandTimeout,
            ReconnectMinDelay = Options.Value.ReconnectMinDelay,
            ReconnectMaxDelay = Options.Value.ReconnectMaxDelay,
        }), NullLoggerFactory.Instance);
}
