using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Shop.Redis;

public static class RedisExtensions
{
    /// <summary>Redis from <c>ConnectionStrings:{connectionName}</c> (Aspire's form) with a <c>redis</c> health check.</summary>
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

        builder.Services.AddSingleton(RedisEndpoint.Parse(connectionString));
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        return builder;
    }
}
