using System.Diagnostics.Metrics;

namespace Shop.Orchestrator.Saga;

/// <summary>The saga's own metrics (Meter <c>Shop.Saga</c>, exported by ServiceDefaults).</summary>
public static class SagaMetrics
{
    public const string MeterName = "Shop.Saga";

    private static readonly Meter Meter = new(MeterName);

    public static Counter<long> Started { get; } =
        Meter.CreateCounter<long>("shop.saga.started", description: "Order sagas started.");

    public static Counter<long> Completed { get; } =
        Meter.CreateCounter<long>("shop.saga.completed", description: "Order sagas that ended Completed.");

    public static Counter<long> Compensated { get; } =
        Meter.CreateCounter<long>("shop.saga.compensated", description: "Order sagas that ended Cancelled, by reason.");

    public static Histogram<double> Duration { get; } =
        Meter.CreateHistogram<double>("shop.saga.duration", unit: "ms", description: "From OrderSubmitted to a terminal state.");

    public static void RecordCompleted(TimeSpan duration)
    {
        Completed.Add(1);
        Duration.Record(duration.TotalMilliseconds, new KeyValuePair<string, object?>("outcome", "Completed"));
    }

    public static void RecordCancelled(string reason, TimeSpan duration)
    {
        Compensated.Add(1, new KeyValuePair<string, object?>("reason", reason));
        Duration.Record(duration.TotalMilliseconds, new KeyValuePair<string, object?>("outcome", "Cancelled"));
    }
}
