using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Shop.LocalHost.Health;
using Shop.LocalHost.Supervision;

namespace Shop.LocalHost.Infrastructure;

/// <summary>
/// A redis-server on a loopback port with persistence off: it backs the orders service's rate limiting and the
/// inventory service's product cache, both of which rebuild themselves, so a restart starting empty is what
/// production would see after a cache failover.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly SupervisedProcess _process;

    private RedisServer(int port, SupervisedProcess process)
    {
        Port = port;
        _process = process;
    }

    public int Port { get; }

    public int Pid => _process.Pid;

    /// <summary>The form Aspire injects as <c>ConnectionStrings__cache</c>: <c>host:port</c>.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    internal SupervisedProcess Process => _process;

    internal static async Task<RedisServer> StartAsync(InfrastructureSetup setup, string executable, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(setup.DataDirectory);
        var spec = new ProcessSpec("redis", executable,
        [
            "--port", setup.Port.ToString(CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1",
            "--save", "",
            "--appendonly", "no",
            "--dir", setup.DataDirectory,
            "--daemonize", "no",
        ])
        {
            Environment = setup.Environment,
            OnStarted = setup.RecordProcess,
        };
        var process = new SupervisedProcess(spec, setup.Log, setup.Policy);
        var server = new RedisServer(setup.Port, process);
        try
        {
            process.Start();
            await Poll.UntilAsync(
                async token => process.UnexpectedExits == 0
                    ? await server.AnswersPingAsync(token)
                    : throw new LocalTopologyException($"redis exited during start-up: {setup.Log.Tail()}; see {setup.Log.Path}"),
                setup.StartTimeout,
                () => $"redis did not answer PING on 127.0.0.1:{setup.Port} within {setup.StartTimeout.TotalSeconds:0} s; see {setup.Log.Path}",
                cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private async Task<bool> AnswersPingAsync(CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(TimeSpan.FromSeconds(1));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port, attempt.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), attempt.Token);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer, attempt.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }
}
