using Microsoft.Extensions.Logging;

namespace Shop.Redis.Protocol;

/// <summary>
/// Keeps one <see cref="RedisSession"/> alive: connects on first use, and when the socket breaks, reconnects with
/// exponential backoff and jitter. While a connect attempt is under way callers wait for it (bounded by the connect
/// timeout); between attempts they fail at once with <see cref="RedisConnectionException"/>, so a caller that treats
/// Redis as optional (the rate limiter, the cache) is never slowed down by a Redis that is away.
/// </summary>
internal sealed partial class RedisSessionManager : IAsyncDisposable
{
    private readonly string _role;
    private readonly RedisEndpoint _endpoint;
    private readonly RedisClientOptions _options;
    private readonly ILogger _logger;
    private readonly Action<RedisReply>? _push;
    private readonly Func<RedisSession, Task>? _onConnected;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _startLock = new();
    private volatile Task<RedisSession>? _current;
    private Task? _loop;
    private int _disposed;
    private volatile bool _everConnected;
    private Task<RedisSession>? _firstAttempt;

    public RedisSessionManager(
        string role, RedisEndpoint endpoint, RedisClientOptions options, ILogger logger,
        Action<RedisReply>? push = null, Func<RedisSession, Task>? onConnected = null)
    {
        _role = role;
        _endpoint = endpoint;
        _options = options;
        _logger = logger;
        _push = push;
        _onConnected = onConnected;
    }

    /// <summary>Closes the session if it is still the current one: it stopped answering (see <see cref="RedisConnection"/>).</summary>
    public void Abandon(RedisSession session, Exception reason)
    {
        if (_current is { IsCompletedSuccessfully: true } current && ReferenceEquals(current.Result, session))
        {
            session.Abort(reason);
        }
    }

    public bool IsConnected => _current is { IsCompletedSuccessfully: true } current && !current.Result.IsClosed;

    public async ValueTask<RedisSession> GetSessionAsync(CancellationToken cancellationToken)
    {
        var current = _current ?? Start();
        if (current.IsCompletedSuccessfully)
        {
            return current.Result;
        }

        // Only the very first connect is waited for (a service starting up should not fail its first requests);
        // after a connection was lost, callers fail fast until the background reconnect succeeds. Decided by which
        // attempt this is, not by a "connected once" flag: the flag is set a moment before the first attempt's task
        // completes, and callers arriving in that moment failed (10,000 concurrent first commands found it).
        if (current.IsCompleted || !ReferenceEquals(current, _firstAttempt))
        {
            throw new RedisConnectionException(
                $"Redis at {_endpoint} is not connected (reconnecting in the background).", current.Exception?.InnerException);
        }

        return await current.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        // DI may dispose the connection twice (registered as itself and as IRedisConnection).
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        if (_loop is { } loop)
        {
            await loop;
        }

        if (_current is { IsCompletedSuccessfully: true } current)
        {
            await current.Result.DisposeAsync();
        }

        _stopping.Dispose();
    }

    private Task<RedisSession> Start()
    {
        lock (_startLock)
        {
            if (_current is null)
            {
                var first = new TaskCompletionSource<RedisSession>(TaskCreationOptions.RunContinuationsAsynchronously);
                _current = first.Task;
                _firstAttempt = first.Task;
                _loop = Task.Run(() => RunAsync(first));
            }

            return _current;
        }
    }

    private async Task RunAsync(TaskCompletionSource<RedisSession> attempt)
    {
        var token = _stopping.Token;
        var backoff = new ReconnectBackoff(_options.ReconnectMinDelay, _options.ReconnectMaxDelay);
        var failuresInARow = 0;
        while (!token.IsCancellationRequested)
        {
            RedisSession session;
            try
            {
                session = await RedisSession.ConnectAsync(_endpoint, _options.ConnectTimeout, _push, token);
                try
                {
                    if (_onConnected is not null)
                    {
                        await _onConnected(session);
                    }
                }
                catch
                {
                    await session.DisposeAsync();
                    throw;
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                attempt.TrySetException(new RedisConnectionException("The Redis client is shutting down."));
                _ = attempt.Task.Exception; // observed: nobody may be waiting for it
                return;
            }
            catch (Exception ex)
            {
                RedisTelemetry.Connects.Add(1, Tag("failure"), new KeyValuePair<string, object?>("role", _role));
                var failure = ex as RedisConnectionException
                    ?? new RedisConnectionException($"Cannot connect to Redis at {_endpoint}: {ex.Message}", ex);
                attempt.TrySetException(failure);
                _ = attempt.Task.Exception;
                // Once per outage at Warning; a Redis that stays away must not flood the log.
                if (failuresInARow++ == 0)
                {
                    LogConnectFailed(_role, _endpoint, ex.Message);
                }
                else
                {
                    LogConnectRetryFailed(_role, _endpoint, failuresInARow, ex.Message);
                }

                if (!await DelayAsync(backoff.Next(), token))
                {
                    return;
                }

                attempt = Next();
                continue;
            }

            RedisTelemetry.Connects.Add(1, Tag("success"), new KeyValuePair<string, object?>("role", _role));
            if (_everConnected || failuresInARow > 0)
            {
                LogReconnected(_role, _endpoint, failuresInARow);
            }

            _everConnected = true;
            failuresInARow = 0;
            backoff.Reset();
            attempt.TrySetResult(session);

            var reason = await session.Closed.WaitAsync(token).ContinueWith(
                t => t.IsCompletedSuccessfully ? t.Result : null, TaskScheduler.Default);
            if (token.IsCancellationRequested)
            {
                return;
            }

            RedisTelemetry.Disconnects.Add(1, new KeyValuePair<string, object?>("role", _role));
            LogLost(_role, _endpoint, reason?.Message);
            var lost = new TaskCompletionSource<RedisSession>();
            lost.SetException(new RedisConnectionException($"The connection to Redis at {_endpoint} was lost.", reason));
            _ = lost.Task.Exception;
            _current = lost.Task;
            if (!await DelayAsync(backoff.Next(), token))
            {
                return;
            }

            attempt = Next();
        }
    }

    private TaskCompletionSource<RedisSession> Next()
    {
        var next = new TaskCompletionSource<RedisSession>(TaskCreationOptions.RunContinuationsAsynchronously);
        _current = next.Task;
        return next;
    }

    private static KeyValuePair<string, object?> Tag(string outcome) => new("outcome", outcome);

    private static async Task<bool> DelayAsync(TimeSpan delay, CancellationToken token)
    {
        try
        {
            await Task.Delay(delay, token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis {Role} connection to {Endpoint} failed: {Reason}; retrying with backoff")]
    private partial void LogConnectFailed(string role, RedisEndpoint endpoint, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Redis {Role} connection to {Endpoint} failed again ({Attempts} attempts): {Reason}")]
    private partial void LogConnectRetryFailed(string role, RedisEndpoint endpoint, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis {Role} connection to {Endpoint} is back after {FailedAttempts} failed attempts")]
    private partial void LogReconnected(string role, RedisEndpoint endpoint, int failedAttempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis {Role} connection to {Endpoint} was lost: {Reason}; in-flight commands failed, reconnecting")]
    private partial void LogLost(string role, RedisEndpoint endpoint, string? reason);
}
