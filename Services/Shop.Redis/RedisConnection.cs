using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shop.Redis.Protocol;

namespace Shop.Redis;

/// <summary>
/// The project's <see cref="IRedisConnection"/>: one pipelined command connection and, once something subscribes,
/// one subscriber connection, each reconnecting on its own. Commands are never re-sent after a broken connection:
/// the caller gets <see cref="RedisConnectionException"/> and decides.
/// </summary>
public sealed class RedisConnection : IRedisConnection, IAsyncDisposable
{
    private readonly RedisClientOptions _options;
    private readonly RedisSessionManager _commands;
    private readonly RedisSubscriber _subscriber;

    public RedisConnection(RedisEndpoint endpoint, IOptions<RedisClientOptions> options, ILoggerFactory loggerFactory)
    {
        _options = options.Value;
        var logger = loggerFactory.CreateLogger<RedisConnection>();
        _commands = new RedisSessionManager("commands", endpoint, _options, logger);
        _subscriber = new RedisSubscriber(endpoint, _options, logger);
    }

    public bool IsConnected => _commands.IsConnected;

    public async Task<RedisReply> ExecuteAsync(string command, IReadOnlyList<RedisArgument> arguments, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.CommandTimeout);
        RedisReply reply;
        RedisSession? session = null;
        var sentAt = Environment.TickCount64;
        try
        {
            session = await _commands.GetSessionAsync(timeout.Token);
            reply = await session.SendAsync(command, arguments).WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            RedisTelemetry.CommandFailures.Add(1, new KeyValuePair<string, object?>("reason", "timeout"));
            var failure = new RedisTimeoutException($"Redis did not answer {command} within {_options.CommandTimeout.TotalMilliseconds:0} ms.");
            // Nothing at all came back for a whole command timeout: the server is stalled (stopped, or a network path
            // silently dropped), not just slow for this command. Drop the connection, so the commands after this one
            // fail fast instead of each waiting out its timeout, and the background reconnect finds out when it is back.
            if (session is not null && session.LastReplyAt < sentAt)
            {
                _commands.Abandon(session, failure);
            }

            throw failure;
        }

        return reply.Kind == RedisReplyKind.Error ? throw new RedisServerException(reply.Text ?? "") : reply;
    }

    public Task<IAsyncDisposable> SubscribeAsync(string channel, Action<RedisChannelMessage> handler, CancellationToken cancellationToken = default) =>
        _subscriber.SubscribeAsync(channel, handler, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _subscriber.DisposeAsync();
        await _commands.DisposeAsync();
    }
}
