using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Shop.Messaging.Extensions;
using Shop.Testing;
using StackExchange.Redis;

namespace Shop.Messaging.Tests.Extensions;

/// <summary>Aspire's Redis client as a service uses it when Redis is optional, against a real redis-server.</summary>
public sealed class RedisExtensionsTests
{
    private const string WhenAway = "the test carries on without it";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Is_healthy_when_redis_answers()
    {
        await using var redis = await RedisServerProcess.StartNewAsync();
        using var host = await StartAsync(redis.ConnectionString);

        var entry = await RedisEntryAsync(host);

        entry.Status.Should().Be(HealthStatus.Healthy, entry.Description);
        (await host.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase().PingAsync()).Should().BePositive();
    }

    [Fact]
    public async Task Without_redis_the_service_starts_and_is_degraded_not_unhealthy_with_the_reason()
    {
        // Nothing listens on port 1: the connection is refused, as when Redis is down.
        var clock = Stopwatch.StartNew();
        using var host = await StartAsync("127.0.0.1:1");
        var started = clock.Elapsed;

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        var entry = report.Entries[RedisExtensions.HealthCheckName];

        started.Should().BeLessThan(TimeSpan.FromSeconds(15), "a Redis that is not there does not hold up the start");
        report.Status.Should().Be(HealthStatus.Degraded, "Degraded, not Unhealthy: /health stays 200");
        entry.Status.Should().Be(HealthStatus.Degraded);
        entry.Description.Should().Contain("127.0.0.1:1").And.Contain("unreachable").And.EndWith(WhenAway + ".");
    }

    [Fact]
    public async Task Killed_redis_fails_commands_at_once_and_they_work_again_once_it_is_back()
    {
        await using var redis = await RedisServerProcess.StartNewAsync();
        using var host = await StartAsync(redis.ConnectionString);
        var database = host.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        await database.StringSetAsync("before", "1");

        await redis.KillAsync();
        await Wait.UntilAsync(async () => (await RedisEntryAsync(host)).Status == HealthStatus.Degraded, Deadline, "Redis reported degraded");
        var clock = Stopwatch.StartNew();
        var whileDown = () => database.StringGetAsync("before");
        await whileDown.Should().ThrowAsync<RedisConnectionException>();
        var failedAfter = clock.Elapsed;

        await redis.StartAsync();
        await Wait.UntilAsync(async () => (await RedisEntryAsync(host)).Status == HealthStatus.Healthy, Deadline, "Redis reported healthy again");

        // The default AsyncTimeout is 5 s: only BacklogPolicy.FailFast makes a command fail faster while disconnected.
        failedAfter.Should().BeLessThan(TimeSpan.FromSeconds(2), "a command fails at once while Redis is away");
        (await database.StringSetAsync("after", "2")).Should().BeTrue();
        ((string?)await database.StringGetAsync("after")).Should().Be("2");
    }

    [Fact]
    public async Task A_redis_that_stops_answering_is_degraded_within_the_check_timeout()
    {
        await using var redis = await RedisServerProcess.StartNewAsync();
        using var host = await StartAsync(redis.ConnectionString);
        (await RedisEntryAsync(host)).Status.Should().Be(HealthStatus.Healthy);

        await redis.PauseAsync(pause: true);
        var clock = Stopwatch.StartNew();
        var entry = await RedisEntryAsync(host);
        var took = clock.Elapsed;
        await redis.PauseAsync(pause: false);

        entry.Status.Should().Be(HealthStatus.Degraded);
        entry.Description.Should().Contain("did not answer within 2 s").And.EndWith(WhenAway + ".");
        // PING takes no cancellation token; without the check's own wait it would take the 5 s AsyncTimeout.
        took.Should().BeLessThan(TimeSpan.FromSeconds(4));
        await Wait.UntilAsync(async () => (await RedisEntryAsync(host)).Status == HealthStatus.Healthy, Deadline, "Redis healthy once it answers");
    }

    [Fact]
    public void A_missing_connection_string_is_named()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });

        var add = () => builder.AddOptionalRedisClient("cache", WhenAway);

        add.Should().Throw<InvalidOperationException>().WithMessage("*ConnectionStrings:cache*ConnectionStrings__cache*");
    }

    private static async Task<IHost> StartAsync(string connectionString)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:cache"] = connectionString });
        builder.AddOptionalRedisClient("cache", WhenAway);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<HealthReportEntry> RedisEntryAsync(IHost host) =>
        (await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries[RedisExtensions.HealthCheckName];
}
