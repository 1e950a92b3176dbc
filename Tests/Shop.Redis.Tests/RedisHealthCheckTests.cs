using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Shop.Redis.Tests;

public class RedisHealthCheckTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task Is_healthy_when_redis_answers()
    {
        await using var connection = RedisClients.Connect(redis.ConnectionString);
        var check = new RedisHealthCheck(connection, RedisEndpoint.Parse(redis.ConnectionString), RedisClients.Options);

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        result.Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task Is_degraded_not_unhealthy_when_nothing_listens()
    {
        // Port 1 on loopback is privileged and unused: the connection is refused at once.
        await using var connection = RedisClients.Connect("127.0.0.1:1");
        var check = new RedisHealthCheck(connection, RedisEndpoint.Parse("127.0.0.1:1"), RedisClients.Options);

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        result.Status.Should().Be(HealthStatus.Degraded);
        result.Description.Should().Contain("unreachable");
    }

    [Fact]
    public async Task Is_degraded_when_auth_is_refused()
    {
        // The test server has no password, so AUTH answers with an error.
        var connectionString = $"{redis.ConnectionString},password=wrong";
        await using var connection = RedisClients.Connect(connectionString);
        var check = new RedisHealthCheck(connection, RedisEndpoint.Parse(connectionString), RedisClients.Options);

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        result.Status.Should().Be(HealthStatus.Degraded);
        result.Description.Should().Contain("AUTH");
    }

    [Fact]
    public async Task A_degraded_redis_keeps_the_health_endpoint_at_200()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration["ConnectionStrings:cache"] = "127.0.0.1:1";
        builder.AddRedis("cache");
        await using var app = builder.Build();
        app.MapHealthChecks("/health");
        await app.StartAsync();

        var response = await app.GetTestClient().GetAsync("/health");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("Degraded");
    }
}
