using Shop.Redis.Protocol;

namespace Shop.Redis;

/// <summary>The typed commands the services use, on top of <see cref="IRedisConnection.ExecuteAsync"/>.</summary>
public static class RedisCommands
{
    public static Task<RedisReply> ExecuteAsync(this IRedisConnection redis, string command, params RedisArgument[] arguments) =>
        redis.ExecuteAsync(command, arguments, CancellationToken.None);

    public static async Task<bool> PingAsync(this IRedisConnection redis, CancellationToken cancellationToken = default) =>
        (await redis.ExecuteAsync("PING", [], cancellationToken)).AsString() == "PONG";

    /// <summary>The value of <paramref name="key"/>, or null when it does not exist.</summary>
    public static async Task<byte[]?> GetAsync(this IRedisConnection redis, string key, CancellationToken cancellationToken = default) =>
        (await redis.ExecuteAsync("GET", [key], cancellationToken)).Bulk;

    public static async Task<string?> GetStringAsync(this IRedisConnection redis, string key, CancellationToken cancellationToken = default) =>
        (await redis.ExecuteAsync("GET", [key], cancellationToken)).AsString();

    /// <summary>Sets <paramref name="key"/>, with an expiry when given; with <paramref name="onlyIfAbsent"/> only when it does
    /// not exist yet (<c>NX</c>). Returns whether the value was set.</summary>
    public static async Task<bool> SetAsync(
        this IRedisConnection redis, string key, RedisArgument value, TimeSpan? expiry = null, bool onlyIfAbsent = false,
        CancellationToken cancellationToken = default)
    {
        var arguments = new List<RedisArgument>(5) { key, value };
        if (expiry is { } ttl)
        {
            arguments.Add("PX");
            arguments.Add((long)Math.Max(1, Math.Ceiling(ttl.TotalMilliseconds)));
        }

        if (onlyIfAbsent)
        {
            arguments.Add("NX");
        }

        return !(await redis.ExecuteAsync("SET", arguments, cancellationToken)).IsNull;
    }

    /// <summary>Deletes the keys; returns how many existed.</summary>
    public static async Task<long> DeleteAsync(this IRedisConnection redis, IReadOnlyList<string> keys, CancellationToken cancellationToken = default) =>
        (await redis.ExecuteAsync("DEL", [.. keys.Select(key => (RedisArgument)key)], cancellationToken)).Integer;

    public static async Task<long> IncrementAsync(this IRedisConnection redis, string key, CancellationToken cancellationToken = default) =>
        (await redis.ExecuteAsync("INCR", [key], cancellationToken)).Integer;

    /// <summary>Publishes to a channel; returns how many subscribers received it.</summary>
    public static async Task<long> PublishAsync(this IRedisConnection redis, string channel, RedisArgument message, CancellationToken cancellationToken = default) =>
        (await redis.ExecuteAsync("PUBLISH", [channel, message], cancellationToken)).Integer;

    /// <summary>Runs <paramref name="script"/> by its SHA1, and sends its text (<c>EVAL</c>, which also caches it) only when
    /// the server answers <c>NOSCRIPT</c>.</summary>
    public static async Task<RedisReply> EvaluateAsync(
        this IRedisConnection redis, RedisScript script, IReadOnlyList<string> keys, IReadOnlyList<RedisArgument> arguments,
        CancellationToken cancellationToken = default)
    {
        try
        {
            return await redis.ExecuteAsync("EVALSHA", ScriptArguments(script.Sha1, keys, arguments), cancellationToken);
        }
        catch (RedisServerException ex) when (ex.Prefix == "NOSCRIPT")
        {
            return await redis.ExecuteAsync("EVAL", ScriptArguments(script.Text, keys, arguments), cancellationToken);
        }
    }

    private static List<RedisArgument> ScriptArguments(string script, IReadOnlyList<string> keys, IReadOnlyList<RedisArgument> arguments)
    {
        var all = new List<RedisArgument>(2 + keys.Count + arguments.Count) { script, (long)keys.Count };
        all.AddRange(keys.Select(key => (RedisArgument)key));
        all.AddRange(arguments);
        return all;
    }
}
