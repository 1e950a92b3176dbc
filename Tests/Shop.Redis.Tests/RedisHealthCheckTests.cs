using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Shop.Redis.Tests;

public class RedisHealthCheckTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task Is_healthy_when_redis_answers()
    {
        var check = new RedisHealthCheck(new RedisEndpoint("127.0.0.1", redis.Port, null, false));

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        result.Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task Is_unhealthy_when_nothing_listens()
    {
        // Port 1 on loopback is privileged and unused: the connection is refused at once.
        var check = new RedisHealthCheck(new RedisEndpoint("127.0.0.1", 1, null, false));

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        result.Status.Should().Be(HealthStatus.Unhealthy);
        result.Description.Should().Contain("unreachable");
    }

    [Fact]
    public async Task Is_unhealthy_when_auth_is_refused()
    {
        // The test server has no password, so AUTH answers with an error.
        var check = new RedisHealthCheck(new RedisEndpoint("127.0.0.1", redis.Port, "wrong", false));

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        result.Status.Should().Be(HealthStatus.Unhealthy);
        result.Description.Should().Contain("AUTH");
    }
}
