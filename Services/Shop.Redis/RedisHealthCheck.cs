using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Shop.Redis;

/// <summary>
/// Healthy when Redis answers <c>PING</c> on the shared connection; <b>Degraded</b>, never Unhealthy, when it does
/// not. Redis is an optimisation in this shop (rate limits fail open, the cache falls through to the database), so a
/// Redis outage must not take the service out of its load balancer: /health still answers 200, and says why it is
/// degraded.
/// </summary>
public sealed class RedisHealthCheck(IRedisConnection redis, RedisEndpoint endpoint, IOptions<RedisClientOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(options.Value.HealthCheckTimeout);
        try
        {
            return await redis.PingAsync(cts.Token)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Degraded($"Redis at {endpoint} did not answer PING with PONG");
        }
        catch (RedisException ex)
        {
            return HealthCheckResult.Degraded(
                $"Redis at {endpoint} is unreachable: {ex.Message} Rate limiting is off (fails open) and the cache is bypassed.", ex);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Degraded($"Redis at {endpoint} did not answer PING within {options.Value.HealthCheckTimeout.TotalSeconds:0.#} s.");
        }
    }
}
