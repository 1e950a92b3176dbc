using System.Net;
using System.Net.Sockets;
using Shop.LocalHost.Ports;

namespace Shop.EndToEnd.Tests.Support;

/// <summary>
/// A loopback port that refuses connections until <see cref="Open"/>, then forwards them to a target port:
/// a dependency that is "down" at start-up and comes up later, without touching the real server.
/// </summary>
public sealed class TcpGate : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private TcpListener? _listener;
    private Task? _accepting;

    // Nothing listens on the port until the gate opens, so connections are refused. It stays unbound for
    // seconds: FreePort picks it below the ephemeral range, where no outgoing connection can take it meanwhile.
    public int Port { get; } = FreePort.Next();

    public void Open(int targetPort)
    {
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Start();
        _accepting = AcceptAsync(_listener, targetPort, _stopping.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener?.Stop();
        if (_accepting is not null)
        {
            await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        _stopping.Dispose();
    }

    private static async Task AcceptAsync(TcpListener listener, int targetPort, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stopping);
            _ = ForwardAsync(client, targetPort, stopping);
        }
    }

    private static async Task ForwardAsync(TcpClient client, int targetPort, CancellationToken stopping)
    {
        using (client)
        using (var target = new TcpClient())
        {
            try
            {
                await target.ConnectAsync(IPAddress.Loopback, targetPort, stopping);
                var upstream = client.GetStream().CopyToAsync(target.GetStream(), stopping);
                var downstream = target.GetStream().CopyToAsync(client.GetStream(), stopping);
                await Task.WhenAny(upstream, downstream);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
            {
                // A closed connection on either side ends the forwarding; nothing to report.
            }
        }
    }
}
