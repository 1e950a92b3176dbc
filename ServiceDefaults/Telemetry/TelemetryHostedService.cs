using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Shop.ServiceDefaults.Telemetry;

// The providers are lazy singletons: resolving them at start makes them listen before the first request.
// They are disposed with the host's service provider, which flushes what is still buffered.
internal sealed class TelemetryHostedService(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetService<MeterProvider>();
        _ = services.GetService<TracerProvider>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
