using System.Buffers;
using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Shop.Redis.Protocol;

/// <summary>
/// One socket to Redis, shared by every caller. Callers queue commands; a single writer loop drains whatever is
/// queued into one socket write (pipelining), and a single reader loop hands replies out in the order the commands
/// were written (Redis answers a connection's commands in order). When the socket breaks, every queued and in-flight
/// command fails with <see cref="RedisConnectionException"/> and the session is over: it is never reused, and
/// nothing is re-sent on the next one.
/// </summary>
internal sealed class RedisSession : IAsyncDisposable
{
    private const int MaxBatchBytes = 64 * 1024;

    private readonly TcpClient _tcp;
    private readonly Stream _stream;
    private readonly Channel<PendingCommand> _outgoing = Channel.CreateUnbounded<PendingCommand>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Queue<PendingCommand> _awaiting = new();
    private readonly Lock _lock = new();
    private readonly TaskCompletionSource<Exception> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Action<RedisReply>? _push;
    private bool _isClosed;
    private Task _loops = Task.CompletedTask;
    private long _lastReplyAt = Environment.TickCount64;

    private RedisSession(TcpClient tcp, Stream stream)
    {
        _tcp = tcp;
        _stream = stream;
    }

    /// <summary>Completes with the reason once the session is over.</summary>
    public Task<Exception> Closed => _closed.Task;

    public bool IsClosed => _closed.Task.IsCompleted;

    /// <summary>When the last reply arrived (<see cref="Environment.TickCount64"/>).</summary>
    public long LastReplyAt => Interlocked.Read(ref _lastReplyAt);

    /// <summary>Drops the connection: every queued and in-flight command fails, and the manager reconnects.</summary>
    public void Abort(Exception reason) => Close(reason);

    /// <summary>Connects, authenticates and selects the database. <paramref name="push"/>, when given, receives every
    /// reply after the handshake (a subscriber connection, where Redis pushes messages and confirmations).</summary>
    public static async Task<RedisSession> ConnectAsync(
        RedisEndpoint endpoint, TimeSpan timeout, Action<RedisReply>? push, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var tcp = new TcpClient { NoDelay = true };
        RedisSession? session = null;
        try
        {
            tcp.Client.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            await tcp.ConnectAsync(endpoint.Host, endpoint.Port, deadline.Token);
            Stream stream = tcp.GetStream();
            if (endpoint.Ssl)
            {
                var tls = new SslStream(stream);
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = endpoint.Host }, deadline.Token);
                stream = tls;
            }

            session = new RedisSession(tcp, stream);
            session.Start();
            if (endpoint.Password is { } password)
            {
                RedisArgument[] auth = endpoint.User is { } user ? [user, password] : [password];
                await session.HandshakeAsync("AUTH", auth, deadline.Token);
            }

            if (endpoint.Database != 0)
            {
                await session.HandshakeAsync("SELECT", [(long)endpoint.Database], deadline.Token);
            }

            // A server that accepts connections but does not answer (stopped, overloaded) fails here, not in every command.
            await session.HandshakeAsync("PING", [], deadline.Token);

            session._push = push;
            return session;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await DisposeQuietlyAsync(session, tcp);
            throw new RedisConnectionException($"Connecting to Redis at {endpoint} timed out after {timeout.TotalSeconds:0.#} s.");
        }
        catch
        {
            await DisposeQuietlyAsync(session, tcp);
            throw;
        }
    }

    /// <summary>Queues a command; the task completes with its reply (an error reply included, as a value).</summary>
    public Task<RedisReply> SendAsync(string command, IReadOnlyList<RedisArgument> arguments, bool expectsReply = true)
    {
        var pending = new PendingCommand(command, arguments, expectsReply);
        return _outgoing.Writer.TryWrite(pending)
            ? pending.Task
            : throw new RedisConnectionException("The connection to Redis is closed.", Closed.IsCompleted ? Closed.Result : null);
    }

    public async ValueTask DisposeAsync()
    {
        Close(new ObjectDisposedException(nameof(RedisSession)));
        await _loops;
    }

    private static async Task DisposeQuietlyAsync(RedisSession? session, TcpClient tcp)
    {
        if (session is not null)
        {
            await session.DisposeAsync();
        }

        tcp.Dispose();
    }

    private async Task HandshakeAsync(string command, IReadOnlyList<RedisArgument> arguments, CancellationToken cancellationToken)
    {
        var reply = await SendAsync(command, arguments).WaitAsync(cancellationToken);
        if (reply.Kind == RedisReplyKind.Error)
        {
            throw new RedisConnectionException($"Redis refused {command}: {reply.Text}", new RedisServerException(reply.Text ?? ""));
        }
    }

    private void Start() => _loops = Task.WhenAll(Task.Run(WriteLoopAsync), Task.Run(ReadLoopAsync));

    private async Task WriteLoopAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        var reader = _outgoing.Reader;
        try
        {
            while (await reader.WaitToReadAsync())
            {
                var batch = 0;
                List<PendingCommand>? fireAndForget = null;
                lock (_lock)
                {
                    while (buffer.WrittenCount < MaxBatchBytes && reader.TryRead(out var pending))
                    {
                        if (_isClosed)
                        {
                            Fail(pending, null);
                            continue;
                        }

                        RespWriter.WriteCommand(buffer, pending.Command, pending.Arguments);
                        if (pending.ExpectsReply)
                        {
                            // Queued before the bytes leave, so the reply can never overtake its command.
                            _awaiting.Enqueue(pending);
                        }
                        else
                        {
                            (fireAndForget ??= []).Add(pending);
                        }

                        batch++;
                    }
                }

                if (batch == 0)
                {
                    continue;
                }

                await _stream.WriteAsync(buffer.WrittenMemory);
                await _stream.FlushAsync();
                RedisTelemetry.Commands.Add(batch);
                RedisTelemetry.PipelineBatch.Record(batch);
                fireAndForget?.ForEach(pending => pending.TrySetResult(RedisReply.Simple("SENT")));

                // One huge value must not pin a huge buffer for the life of the connection.
                if (buffer.Capacity > 4 * MaxBatchBytes)
                {
                    buffer = new ArrayBufferWriter<byte>(4096);
                }
                else
                {
                    buffer.ResetWrittenCount();
                }
            }
        }
        catch (Exception ex)
        {
            Close(ex);
        }
    }

    private async Task ReadLoopAsync()
    {
        var pipe = PipeReader.Create(_stream);
        try
        {
            while (true)
            {
                var result = await pipe.ReadAsync();
                var buffer = result.Buffer;
                while (RespParser.TryParse(buffer, out var reply, out var consumed))
                {
                    buffer = buffer.Slice(consumed);
                    Deliver(reply);
                }

                pipe.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    throw new IOException("Redis closed the connection.");
                }
            }
        }
        catch (Exception ex)
        {
            Close(ex);
        }
        finally
        {
            await pipe.CompleteAsync();
        }
    }

    private void Deliver(RedisReply reply)
    {
        Interlocked.Exchange(ref _lastReplyAt, Environment.TickCount64);
        PendingCommand? pending;
        lock (_lock)
        {
            _awaiting.TryDequeue(out pending);
        }

        if (pending is not null)
        {
            pending.TrySetResult(reply);
        }
        else if (_push is { } push)
        {
            push(reply);
        }
        else
        {
            throw new RedisProtocolException($"Redis sent a reply no command was waiting for: {reply}");
        }
    }

    private void Close(Exception reason)
    {
        List<PendingCommand> orphans;
        lock (_lock)
        {
            if (_isClosed)
            {
                return;
            }

            _isClosed = true;
            orphans = [.. _awaiting];
            _awaiting.Clear();
        }

        _outgoing.Writer.TryComplete();
        while (_outgoing.Reader.TryRead(out var queued))
        {
            orphans.Add(queued);
        }

        foreach (var pending in orphans)
        {
            Fail(pending, reason);
        }

        // Unblocks the loop still waiting on the socket.
        _stream.Dispose();
        _tcp.Dispose();
        _closed.TrySetResult(reason);
    }

    private static void Fail(PendingCommand pending, Exception? reason)
    {
        RedisTelemetry.CommandFailures.Add(1, new KeyValuePair<string, object?>("reason", "disconnected"));
        pending.TrySetException(new RedisConnectionException(
            $"The connection to Redis broke before {pending.Command} got its reply; it may or may not have run.", reason));
    }
}
