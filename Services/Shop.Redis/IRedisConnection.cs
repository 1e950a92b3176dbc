using Shop.Redis.Protocol;

namespace Shop.Redis;

/// <summary>
/// A connection to one Redis server shared by the whole process: commands from any number of callers are pipelined
/// over one socket. Typed commands (GET, SET, EVALSHA, PUBLISH, ...) are extension methods in
/// <see cref="RedisCommands"/>, so another client (StackExchange.Redis, say) can stand in by implementing these two
/// members. Every failure is a <see cref="RedisException"/>: <see cref="RedisConnectionException"/> (fast, when
/// Redis is away), <see cref="RedisTimeoutException"/>, or <see cref="RedisServerException"/>.
/// </summary>
public interface IRedisConnection
{
    /// <summary>True while the command connection is established.</summary>
    bool IsConnected { get; }

    /// <summary>Sends one command and returns its reply; an error reply throws <see cref="RedisServerException"/>.</summary>
    Task<RedisReply> ExecuteAsync(string command, IReadOnlyList<RedisArgument> arguments, CancellationToken cancellationToken = default);

    /// <summary>
    /// Subscribes <paramref name="handler"/> to <paramref name="channel"/> on a separate subscriber connection and
    /// returns once Redis confirmed it. The subscription survives reconnects (it is renewed on the new connection),
    /// but messages published while the connection is down are lost, as with any Redis pub/sub. The handler runs on
    /// the connection's read loop: keep it short (hand the message to a channel or queue).
    /// </summary>
    Task<IAsyncDisposable> SubscribeAsync(string channel, Action<RedisChannelMessage> handler, CancellationToken cancellationToken = default);
}
