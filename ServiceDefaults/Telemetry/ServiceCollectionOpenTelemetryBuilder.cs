using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;

namespace Shop.ServiceDefaults.Telemetry;

// The core SDK's WithTracing/WithMetrics/UseOtlpExporter register the providers in whatever IServiceCollection
// the builder exposes; OpenTelemetry.Extensions.Hosting's AddOpenTelemetry() is only this plus a hosted service.
internal sealed class ServiceCollectionOpenTelemetryBuilder(IServiceCollection services) : IOpenTelemetryBuilder
{
    public IServiceCollection Services { get; } = services;
}
