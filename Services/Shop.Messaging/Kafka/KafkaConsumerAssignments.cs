using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Shop.Messaging.Kafka;

/// <summary>
/// Which of the service's consumer loops have joined their group and been handed their share of the partitions.
/// Until then a record sent to them waits for the group to settle (seconds after a start), so the service reports
/// the <c>kafka-consumers</c> check unhealthy: ready means an order placed now is picked up now.
/// </summary>
public sealed class KafkaConsumerAssignments : IHealthCheck
{
    private readonly ConcurrentDictionary<string, bool> _assigned = new(StringComparer.Ordinal);

    public void Register(string groupId) => _assigned.TryAdd(groupId, false);

    /// <summary>Called from a consumer's assignment callback: it now takes part in its group (a member of a group with
    /// more members than partitions is assigned none, and is as ready as it will get).</summary>
    public void MarkAssigned(string groupId) => _assigned[groupId] = true;

    public void MarkStopped(string groupId) => _assigned[groupId] = false;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var waiting = _assigned.Where(entry => !entry.Value).Select(entry => entry.Key).Order(StringComparer.Ordinal).ToList();
        return Task.FromResult(waiting.Count == 0
            ? HealthCheckResult.Healthy($"{_assigned.Count} consumer group(s) assigned")
            : HealthCheckResult.Unhealthy($"waiting for partition assignment: {string.Join(", ", waiting)}"));
    }
}
