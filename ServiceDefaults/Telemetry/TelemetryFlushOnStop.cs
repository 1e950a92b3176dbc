using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Shop.ServiceDefaults.Telemetry;

// Shop: the OTLP exporter sends through IHttpClientFactory, and the providers flush only when they are disposed,
// after the service provider has begun disposing that factory: a stopping service's last spans and metrics were
// lost (the logs got through). Flushing while the host stops, everything still alive, exports them.
internal sealed class TelemetryFlushOnStop(IServiceProvider services) : IHostedService
{
    private static readonly int FlushTimeoutMilliseconds = (int)TimeSpan.FromSeconds(5).TotalMilliseconds;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        services.GetService<TracerProvider>()?.ForceFlush(FlushTimeoutMilliseconds);
        services.GetService<MeterProvider>()?.ForceFlush(FlushTimeoutMilliseconds);
        services.GetService<LoggerProvider>()?.ForceFlush(FlushTimeoutMilliseconds);
        return Task.CompletedTask;
    }
}
