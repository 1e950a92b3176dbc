using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Shop.Redis;

/// <summary>Healthy when Redis answers <c>PING</c> (after <c>AUTH</c> when a password is set) on a fresh connection.</summary>
public sealed class RedisHealthCheck(RedisEndpoint endpoint) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(Timeout);
        try
        {
            using var tcp = new TcpClient { NoDelay = true };
            await tcp.ConnectAsync(endpoint.Host, endpoint.Port, cts.Token);
            Stream stream = tcp.GetStream();
            if (endpoint.Ssl)
            {
                var tls = new SslStream(stream);
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = endpoint.Host }, cts.Token);
                stream = tls;
            }

            await using (stream)
            {
                if (endpoint.Password is { } password)
                {
                    var reply = await SendAsync(stream, ["AUTH", password], cts.Token);
                    if (!reply.StartsWith("+OK", StringComparison.Ordinal))
                    {
                        return HealthCheckResult.Unhealthy($"Redis refused AUTH: {reply}");
                    }
                }

                var pong = await SendAsync(stream, ["PING"], cts.Token);
                return pong.StartsWith("+PONG", StringComparison.Ordinal)
                    ? HealthCheckResult.Healthy()
                    : HealthCheckResult.Unhealthy($"Redis answered PING with '{pong}'");
            }
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"Redis at {endpoint.Host}:{endpoint.Port} is unreachable: {ex.Message}", ex);
        }
    }

    private static async Task<string> SendAsync(Stream stream, string[] command, CancellationToken cancellationToken)
    {
        var request = new StringBuilder().Append('*').Append(command.Length).Append("\r\n");
        foreach (var arg in command)
        {
            request.Append('$').Append(Encoding.UTF8.GetByteCount(arg)).Append("\r\n").Append(arg).Append("\r\n");
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), cancellationToken);
        await stream.FlushAsync(cancellationToken);

        // Simple-string and error replies end with CRLF; nothing longer is expected here.
        var buffer = new byte[256];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                throw new IOException("Redis closed the connection");
            }

            length += read;
            if (length >= 2 && buffer[length - 2] == '\r' && buffer[length - 1] == '\n')
            {
                break;
            }
        }

        return Encoding.UTF8.GetString(buffer, 0, length).TrimEnd();
    }
}
