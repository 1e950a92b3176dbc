using Microsoft.Extensions.Logging;
using Shop.Redis.Protocol;

namespace Shop.Redis;

/// <summary>
/// The subscriber connection. A connection in subscribe mode cannot run ordinary commands, so it is separate from
/// the command connection; it is opened on the first subscription. Redis answers on it only with pushes
/// (<c>message</c>, and <c>subscribe</c> confirmations), which are dispatched here by kind and channel. After a
/// reconnect every channel that still has handlers is subscribed again.
/// </summary>
internal sealed partial class RedisSubscriber : IAsyncDisposable
{
    private readonly RedisClientOptions _options;
    private readonly ILogger _logger;
    private readonly RedisSessionManager _sessions;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<Subscription>> _channels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaskCompletionSource> _confirmations = new(StringComparer.Ordinal);

    public RedisSubscriber(RedisEndpoint endpoint, RedisClientOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        _sessions = new RedisSessionManager("subscriber", endpoint, options, logger, OnPush, ResubscribeAsync);
    }

    public async Task<IAsyncDisposable> SubscribeAsync(string channel, Action<RedisChannelMessage> handler, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentNullException.ThrowIfNull(handler);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.CommandTimeout);
        var subscription = new Subscription(this, channel, handler);
        try
        {
            var session = await _sessions.GetSessionAsync(timeout.Token);
            TaskCompletionSource? confirmation;
            bool first;
            lock (_lock)
            {
                first = !_channels.TryGetValue(channel, out var handlers);
                if (first)
                {
                    _channels[channel] = handlers = [];
                    _confirmations[channel] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                handlers!.Add(subscription);
                confirmation = _confirmations.GetValueOrDefault(channel);
            }

            if (first)
            {
                await session.SendAsync("SUBSCRIBE", [channel], expectsReply: false);
            }

            if (confirmation is not null)
            {
                await confirmation.Task.WaitAsync(timeout.Token);
            }

            return subscription;
        }
        catch (Exception ex)
        {
            await RemoveAsync(subscription);
            if (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw new RedisTimeoutException($"Redis did not confirm SUBSCRIBE {channel} within {_options.CommandTimeout.TotalMilliseconds:0} ms.");
            }

            throw;
        }
    }

    public ValueTask DisposeAsync() => _sessions.DisposeAsync();

    private async Task RemoveAsync(Subscription subscription)
    {
        bool last;
        lock (_lock)
        {
            if (!_channels.TryGetValue(subscription.Channel, out var handlers) || !handlers.Remove(subscription))
            {
                return;
            }

            last = handlers.Count == 0;
            if (last)
            {
                _channels.Remove(subscription.Channel);
                _confirmations.Remove(subscription.Channel, out var pending);
                pending?.TrySetException(new RedisConnectionException($"The subscription to {subscription.Channel} was removed."));
                _ = pending?.Task.Exception;
            }
        }

        if (last && _sessions.IsConnected)
        {
            try
            {
                var session = await _sessions.GetSessionAsync(CancellationToken.None);
                await session.SendAsync("UNSUBSCRIBE", [subscription.Channel], expectsReply: false);
            }
            catch (RedisException)
            {
                // The connection is gone, and with it the server-side subscription.
            }
        }
    }

    private Task ResubscribeAsync(RedisSession session)
    {
        RedisArgument[] channels;
        lock (_lock)
        {
            channels = [.. _channels.Keys.Select(channel => (RedisArgument)channel)];
        }

        if (channels.Length > 0)
        {
            LogResubscribing(channels.Length);
            return session.SendAsync("SUBSCRIBE", channels, expectsReply: false);
        }

        return Task.CompletedTask;
    }

    private void OnPush(RedisReply reply)
    {
        if (reply is not { Kind: RedisReplyKind.Array, Items: [var kind, var channel, var payload, ..] })
        {
            return; // the reply to a PING or an error: nothing waits for it on this connection
        }

        var name = channel.AsString() ?? "";
        switch (kind.AsString())
        {
            case "message":
                Subscription[] handlers;
                lock (_lock)
                {
                    handlers = _channels.TryGetValue(name, out var list) ? [.. list] : [];
                }

                var message = new RedisChannelMessage(name, payload.Bulk ?? []);
                foreach (var handler in handlers)
                {
                    try
                    {
                        handler.Handler(message);
                    }
                    catch (Exception ex)
                    {
                        LogHandlerFailed(ex, name);
                    }
                }

                break;
            case "subscribe":
                TaskCompletionSource? confirmation;
                lock (_lock)
                {
                    _confirmations.Remove(name, out confirmation);
                }

                confirmation?.TrySetResult();
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis subscriber connected: subscribing to {Channels} channels again")]
    private partial void LogResubscribing(int channels);

    [LoggerMessage(Level = LogLevel.Error, Message = "A handler of Redis channel {Channel} failed")]
    private partial void LogHandlerFailed(Exception exception, string channel);

    private sealed class Subscription(RedisSubscriber owner, string channel, Action<RedisChannelMessage> handler) : IAsyncDisposable
    {
        public string Channel { get; } = channel;

        public Action<RedisChannelMessage> Handler { get; } = handler;

        public ValueTask DisposeAsync() => new(owner.RemoveAsync(this));
    }
}
