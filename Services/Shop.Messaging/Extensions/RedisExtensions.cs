using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Shop.Messaging.Extensions;

public static class RedisExtensions
{
    /// <summary>The name Aspire.StackExchange.Redis gives its health check (the unkeyed client's).</summary>
    public const string HealthCheckName = "StackExchange.Redis";

    /// <summary>How long the health check waits for <c>PING</c> before it reports Redis as degraded.</summary>
    public static readonly TimeSpan HealthCheckTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Redis through Aspire.StackExchange.Redis (<c>AddRedisClient</c>: the <see cref="IConnectionMultiplexer"/>
    /// singleton, its tracing, and its health check) from <c>ConnectionStrings:{connectionName}</c>, for a service to
    /// which Redis is an optimisation and never a dependency. Client options come from
    /// <c>Aspire:StackExchange:Redis:ConfigurationOptions</c>, except two that this use of Redis decides:
    /// <list type="bullet">
    /// <item><c>AbortOnConnectFail = false</c>: a Redis that is not there at start-up does not stop the service;
    /// the multiplexer keeps reconnecting in the background.</item>
    /// <item><c>BacklogPolicy = FailFast</c>: while disconnected, a command fails at once instead of waiting in the
    /// client's backlog for the connection to return, so a caller that falls back (fail open, read the database)
    /// does so without first waiting for its timeout.</item>
    /// </list>
    /// The health check reports <b>Degraded</b>, never Unhealthy, when Redis does not answer within
    /// <see cref="HealthCheckTimeout"/>: <c>/health</c> stays 200 and says what it means for this service
    /// (<paramref name="whenAway"/>), so an outage of Redis does not take the service out of its load balancer.
    /// </summary>
    /// <param name="builder">The service's builder.</param>
    /// <param name="connectionName">The Aspire resource name, e.g. <c>cache</c>.</param>
    /// <param name="whenAway">What the service does without Redis, for the health check's description,
    /// e.g. "orders are let through unchecked (the rate limiter fails open)".</param>
    public static TBuilder AddOptionalRedisClient<TBuilder>(this TBuilder builder, string connectionName, string whenAway)
        where TBuilder : IHostApplicationBuilder
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"Connection string '{connectionName}' is missing: set ConnectionStrings:{connectionName} " +
                $"(environment variable ConnectionStrings__{connectionName}), e.g. 127.0.0.1:6379.");
        }

        builder.AddRedisClient(connectionName, configureOptions: options =>
        {
            options.AbortOnConnectFail = false;
            options.BacklogPolicy = BacklogPolicy.FailFast;
        });

        var endpoints = string.Join(", ", ConfigurationOptions.Parse(connectionString).EndPoints.Select(EndPointCollection.ToString));
        builder.Services.PostConfigure<HealthCheckServiceOptions>(options =>
        {
            var registration = options.Registrations.Single(r => r.Name == HealthCheckName);
            var check = registration.Factory;
            registration.Factory = services => new OptionalRedisHealthCheck(check(services), endpoints, whenAway);
            registration.FailureStatus = HealthStatus.Degraded;
            registration.Timeout = HealthCheckTimeout;
        });
        return builder;
    }

    /// <summary>Aspire's Redis check with the reason and its consequence in the description, and its timeout kept
    /// even though StackExchange.Redis' <c>PING</c> takes no cancellation token.</summary>
    private sealed class OptionalRedisHealthCheck(IHealthCheck check, string endpoints, string whenAway) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            HealthCheckResult result;
            try
            {
                result = await check.CheckHealthAsync(context, cancellationToken).WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return new HealthCheckResult(
                    context.Registration.FailureStatus,
                    $"Redis at {endpoints} did not answer within {context.Registration.Timeout.TotalSeconds:0.#} s: {whenAway}.");
            }

            if (result.Status == HealthStatus.Healthy)
            {
                return result;
            }

            var reason = result.Exception?.Message ?? result.Description ?? "no reason given";
            return new HealthCheckResult(
                context.Registration.FailureStatus, $"Redis at {endpoints} is unreachable ({reason}): {whenAway}.", result.Exception, result.Data);
        }
    }
}
