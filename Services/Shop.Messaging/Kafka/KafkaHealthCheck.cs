using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Shop.Messaging.Kafka;

/// <summary>Healthy when the topics are provisioned and the broker answers a metadata request now.</summary>
public sealed class KafkaHealthCheck(KafkaClientFactory clients, KafkaTopicsReadiness readiness) : IHealthCheck, IDisposable
{
    private readonly Lazy<IAdminClient> _admin = new(clients.CreateAdminClient);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!readiness.IsReady)
        {
            return HealthCheckResult.Unhealthy($"Kafka topics are not provisioned yet: {readiness.LastError ?? "starting"}");
        }

        try
        {
            var timeout = clients.Options.HealthCheckTimeout;
            var metadata = await Task.Run(() => _admin.Value.GetMetadata(Topics.Diagnostics, timeout), cancellationToken);
            return metadata.Brokers.Count > 0
                ? HealthCheckResult.Healthy($"{metadata.Brokers.Count} broker(s)")
                : HealthCheckResult.Unhealthy("Kafka answered with no brokers");
        }
        catch (KafkaException ex)
        {
            return HealthCheckResult.Unhealthy($"Kafka unreachable: {ex.Error.Reason}", ex);
        }
    }

    public void Dispose()
    {
        if (_admin.IsValueCreated)
        {
            _admin.Value.Dispose();
        }
    }
}
