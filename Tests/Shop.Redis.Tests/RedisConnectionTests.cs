namespace Shop.Redis.Tests;

public sealed class RedisConnectionTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private RedisConnection _connection = null!;

    public Task InitializeAsync()
    {
        _connection = RedisClients.Connect(redis.ConnectionString);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _connection.DisposeAsync();

    [Fact]
    public async Task Sets_gets_and_deletes_a_value()
    {
        var key = Key();

        (await _connection.SetAsync(key, "hello")).Should().BeTrue();
        (await _connection.GetStringAsync(key)).Should().Be("hello");
        (await _connection.DeleteAsync([key, Key()])).Should().Be(1);
        (await _connection.GetAsync(key)).Should().BeNull();
    }

    [Fact]
    public async Task Sets_with_an_expiry_and_only_if_absent()
    {
        var key = Key();

        await _connection.SetAsync(key, "first", expiry: TimeSpan.FromMinutes(1));
        var second = await _connection.SetAsync(key, "second", onlyIfAbsent: true);
        var ttl = (await _connection.ExecuteAsync("PTTL", key)).Integer;

        second.Should().BeFalse();
        (await _connection.GetStringAsync(key)).Should().Be("first");
        ttl.Should().BeInRange(1, 60_000);
    }

    [Fact]
    public async Task Ten_thousand_concurrent_increments_are_all_counted()
    {
        var key = Key();

        await Task.WhenAll(Enumerable.Range(0, 10_000).Select(_ => _connection.IncrementAsync(key)));

        (await _connection.GetStringAsync(key)).Should().Be("10000");
    }

    [Fact]
    public async Task Concurrent_callers_each_get_their_own_reply()
    {
        var keys = Enumerable.Range(0, 2_000).Select(i => (Key: Key(), Value: $"value-{i}")).ToList();
        await Task.WhenAll(keys.Select(k => _connection.SetAsync(k.Key, k.Value)));

        var values = await Task.WhenAll(keys.Select(k => _connection.GetStringAsync(k.Key)));

        values.Should().Equal(keys.Select(k => k.Value));
    }

    [Fact]
    public async Task An_error_reply_throws_and_the_connection_keeps_working()
    {
        var key = Key();
        await _connection.SetAsync(key, "not a number");

        var increment = () => _connection.IncrementAsync(key);

        (await increment.Should().ThrowAsync<RedisServerException>()).Which.Prefix.Should().Be("ERR");
        (await _connection.PingAsync()).Should().BeTrue();
        var unknown = () => _connection.ExecuteAsync("NOSUCHCOMMAND");
        await unknown.Should().ThrowAsync<RedisServerException>();
    }

    [Fact]
    public async Task Round_trips_a_big_binary_value()
    {
        var key = Key();
        var value = new byte[8 * 1024 * 1024];
        Random.Shared.NextBytes(value);

        await _connection.SetAsync(key, value);
        var read = await _connection.GetAsync(key);

        read.Should().Equal(value);
        await _connection.DeleteAsync([key]);
    }

    [Fact]
    public async Task Runs_a_script_by_sha_and_loads_it_when_the_server_does_not_have_it()
    {
        var script = new RedisScript($"return redis.call('INCRBY', KEYS[1], ARGV[1]) -- {Guid.NewGuid()}");
        var key = Key();

        var first = await _connection.EvaluateAsync(script, [key], [5L]);
        var second = await _connection.EvaluateAsync(script, [key], [5L]);
        await _connection.ExecuteAsync("SCRIPT", "FLUSH");
        var afterFlush = await _connection.EvaluateAsync(script, [key], [5L]);

        (first.Integer, second.Integer, afterFlush.Integer).Should().Be((5, 10, 15));
    }

    [Fact]
    public async Task Selects_the_database_of_the_connection_string()
    {
        await using var database3 = RedisClients.Connect($"{redis.ConnectionString},defaultDatabase=3");
        var key = Key();

        await database3.SetAsync(key, "in 3");

        (await database3.GetStringAsync(key)).Should().Be("in 3");
        (await _connection.GetAsync(key)).Should().BeNull();
    }

    [Fact]
    public async Task Delivers_published_messages_to_every_subscriber_until_it_unsubscribes()
    {
        var channel = Key();
        var first = new List<string>();
        var second = new List<string>();
        var a = await _connection.SubscribeAsync(channel, m => { lock (first) { first.Add(m.Text); } });
        await using var b = await _connection.SubscribeAsync(channel, m => { lock (second) { second.Add(m.Text); } });

        (await _connection.PublishAsync(channel, "one")).Should().Be(1, "one subscriber connection per client");
        await Wait.UntilAsync(() => Count(first) == 1 && Count(second) == 1, TimeSpan.FromSeconds(30), "both subscribers got the first message");
        await a.DisposeAsync();
        await _connection.PublishAsync(channel, "two");
        await Wait.UntilAsync(() => Count(second) == 2, TimeSpan.FromSeconds(30), "the remaining subscriber got the second message");

        first.Should().Equal("one");
        second.Should().Equal("one", "two");
    }

    [Fact]
    public async Task Commands_fail_fast_when_nothing_listens()
    {
        await using var nowhere = RedisClients.Connect("127.0.0.1:1");

        var ping = () => nowhere.PingAsync();

        await ping.Should().ThrowAsync<RedisConnectionException>();
        await ping.Should().ThrowAsync<RedisConnectionException>();
        nowhere.IsConnected.Should().BeFalse();
    }

    [Fact]
    public async Task A_refused_password_is_a_connection_failure_that_says_so()
    {
        await using var wrong = RedisClients.Connect($"{redis.ConnectionString},password=wrong");

        var ping = () => wrong.PingAsync();

        (await ping.Should().ThrowAsync<RedisConnectionException>()).Which.Message.Should().Contain("AUTH");
    }

    private static string Key() => $"test:{Guid.NewGuid():N}";

    private static int Count(List<string> list)
    {
        lock (list)
        {
            return list.Count;
        }
    }
}
