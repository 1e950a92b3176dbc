using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Shop.KafkaBroker;

/// <summary>
/// The bootstrap address of the connection string: librdkafka picks the mock brokers' ports itself, after the AppHost
/// has handed every service its connection string, so clients bootstrap from a port fixed up front, which passes the
/// connection through to a broker that is up. Only the first metadata requests take this hop: the metadata names
/// the brokers' own ports, which clients then use directly.
/// </summary>
public sealed partial class BootstrapProxy(MockClusterHost host, IOptions<BrokerOptions> options, ILogger<BootstrapProxy> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.BootstrapPort == 0)
        {
            return;
        }

        await host.Started.WaitAsync(stoppingToken);
        var listener = new TcpListener(IPAddress.Loopback, options.Value.BootstrapPort);
        listener.Start();
        LogListening(options.Value.BootstrapPort);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stoppingToken);
                _ = PassThroughAsync(client, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            listener.Stop();
        }
    }

    private async Task PassThroughAsync(TcpClient client, CancellationToken stoppingToken)
    {
        using (client)
        {
            if (host.PortOfABrokerThatIsUp() is not { } port)
            {
                return; // every broker is down: the client sees its connection close, as with a real cluster
            }

            using var broker = new TcpClient { NoDelay = true };
            client.NoDelay = true;
            try
            {
                await broker.ConnectAsync(IPAddress.Loopback, port, stoppingToken);
                using var closing = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var upstream = client.GetStream().CopyToAsync(broker.GetStream(), closing.Token);
                var downstream = broker.GetStream().CopyToAsync(client.GetStream(), closing.Token);
                await Task.WhenAny(upstream, downstream);
                await closing.CancelAsync();
            }
            catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
            {
                LogPassThroughEnded(port, ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bootstrap servers pass through 127.0.0.1:{Port}")]
    private partial void LogListening(int port);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A bootstrap connection to broker port {Port} ended: {Reason}")]
    private partial void LogPassThroughEnded(int port, string reason);
}
