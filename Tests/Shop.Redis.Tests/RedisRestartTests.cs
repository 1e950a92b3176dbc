namespace Shop.Redis.Tests;

/// <summary>The server dies in the middle of use and comes back on the same port: commands fail fast while it is
/// away, nothing is re-sent, and commands and subscriptions work again once it is back.</summary>
public sealed class RedisRestartTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly RedisServerFixture _server = new();

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task Commands_and_subscriptions_survive_a_server_restart()
    {
        await using var connection = RedisClients.Connect(_server.ConnectionString);
        var received = new List<string>();
        await using var subscription = await connection.SubscribeAsync("restart-test", m => { lock (received) { received.Add(m.Text); } });
        await connection.SetAsync("before", "1");
        await connection.PublishAsync("restart-test", "before");
        await Wait.UntilAsync(() => Received(received).Contains("before"), Deadline, "a message before the restart");

        // Keep the pipeline busy while the server dies: every command must end, none may hang.
        using var stop = new CancellationTokenSource();
        var load = Task.Run(async () =>
        {
            var (ok, failed) = (0, 0);
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await connection.IncrementAsync("load");
                    ok++;
                }
                catch (RedisConnectionException)
                {
                    failed++;
                }
            }

            return (ok, failed);
        });
        await Wait.UntilAsync(async () => (await connection.GetStringAsync("load")) is { } n && long.Parse(n) > 100, Deadline, "load under way");

        await _server.KillAsync();
        await Wait.UntilAsync(() => !connection.IsConnected, Deadline, "the client notices the dead connection");
        var started = DateTime.UtcNow;
        var whileDown = () => connection.GetAsync("before");
        await whileDown.Should().ThrowAsync<RedisConnectionException>();
        (DateTime.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(5), "a command fails fast while Redis is away, it does not wait for a timeout");

        await _server.StartAsync();
        await Wait.UntilAsync(async () => await TryPingAsync(connection), Deadline, "commands work again after the restart");
        stop.Cancel();
        var (succeeded, failedDuringOutage) = await load;

        succeeded.Should().BeGreaterThan(0);
        failedDuringOutage.Should().BeGreaterThan(0, "commands issued during the outage failed instead of hanging");
        (await connection.GetAsync("before")).Should().BeNull("the restarted server has no persistence: the data is gone, the client is not confused by it");
        await connection.SetAsync("after", "2");
        (await connection.GetStringAsync("after")).Should().Be("2");

        // The subscriber connection comes back on its own, and renews the subscription.
        await Wait.UntilAsync(
            async () =>
            {
                await connection.PublishAsync("restart-test", "after");
                return Received(received).Contains("after");
            },
            Deadline,
            "the subscription resumes after the restart");
    }

    [Fact]
    public async Task A_server_that_stops_answering_is_dropped_and_later_commands_fail_fast()
    {
        await using var connection = RedisClients.Connect(_server.ConnectionString, commandTimeout: TimeSpan.FromSeconds(2));
        // Connected first, with a deadline: on a busy machine (other test classes run alongside) the first connect and
        // handshake can take longer than this test's short command timeout, which is about the stall, not the start.
        await Wait.UntilAsync(async () => await TryPingAsync(connection), Deadline, "the first connection is up");

        await _server.SignalAsync(pause: true);
        var stalled = () => connection.PingAsync();
        await stalled.Should().ThrowAsync<RedisTimeoutException>();
        var next = () => connection.PingAsync();

        // Not another timeout: the stalled connection was dropped, and the reconnect is not waited for.
        await next.Should().ThrowAsync<RedisConnectionException>();
        connection.IsConnected.Should().BeFalse();

        await _server.SignalAsync(pause: false);
        await Wait.UntilAsync(async () => await TryPingAsync(connection), Deadline, "commands work again once the server answers");
    }

    private static async Task<bool> TryPingAsync(IRedisConnection connection)
    {
        try
        {
            return await connection.PingAsync();
        }
        catch (RedisException)
        {
            return false;
        }
    }

    private static List<string> Received(List<string> received)
    {
        lock (received)
        {
            return [.. received];
        }
    }
}
