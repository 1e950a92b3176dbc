using System.Net;

namespace Shop.LocalHost.Health;

/// <summary>Asks a service's <c>GET /health</c>: healthy means 200, the readiness verdict over its database,
/// Kafka and Redis; anything else is kept as a short description for error messages.</summary>
internal sealed class ServiceHealthProbe : IDisposable
{
    private const int DetailLength = 200;

    // No pooled connection survives a killed service, and a probe must not wait on a dead socket.
    private readonly HttpClient _client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero })
    {
        Timeout = TimeSpan.FromSeconds(5),
    };

    public async Task<HealthProbeResult> ProbeAsync(Uri serviceUrl, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _client.GetAsync(new Uri(serviceUrl, "/health"), cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var detail = $"{(int)response.StatusCode} {Shorten(body)}".TrimEnd();
            return new HealthProbeResult(response.StatusCode == HttpStatusCode.OK, detail);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new HealthProbeResult(false, Shorten(ex.Message));
        }
    }

    public void Dispose() => _client.Dispose();

    private static string Shorten(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ").Trim();
        return oneLine.Length <= DetailLength ? oneLine : oneLine[..DetailLength] + "…";
    }
}
