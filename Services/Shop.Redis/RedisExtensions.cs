using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Shop.Redis;

public static class RedisExtensions
{
    /// <summary>
    /// Redis from <c>ConnectionStrings:{connectionName}</c> (Aspire's form): a singleton <see cref="IRedisConnection"/>
    /// (client options in the <c>Redis</c> section) and a <c>redis</c> health check that reports Degraded, not
    /// Unhealthy, while Redis is away.
    /// </summary>
    public static TBuilder AddRedis<TBuilder>(this TBuilder builder, string connectionName)
        where TBuilder : IHostApplicationBuilder
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"Connection string '{connectionName}' is missing: set ConnectionStrings:{connectionName} " +
                $"(environment variable ConnectionStrings__{connectionName}), e.g. 127.0.0.1:6379.");
        }

        builder.Services.AddOptions<RedisClientOptions>()
            .Bind(builder.Configuration.GetSection(RedisClientOptions.SectionName))
            .Validate(o => o.ConnectTimeout > TimeSpan.Zero && o.CommandTimeout > TimeSpan.Zero && o.HealthCheckTimeout > TimeSpan.Zero, "Redis timeouts must be positive")
            .Validate(o => o.ReconnectMinDelay > TimeSpan.Zero && o.ReconnectMaxDelay >= o.ReconnectMinDelay,
                "Redis:ReconnectMinDelay must be positive and at most Redis:ReconnectMaxDelay")
            .ValidateOnStart();
        builder.Services.AddSingleton(RedisEndpoint.Parse(connectionString));
        builder.Services.AddSingleton<RedisConnection>();
        builder.Services.AddSingleton<IRedisConnection>(sp => sp.GetRequiredService<RedisConnection>());
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        return builder;
    }
}
