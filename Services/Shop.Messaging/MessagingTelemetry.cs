using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Shop.Messaging;

/// <summary>The messaging layer's ActivitySource and Meter, both named <c>Shop.Messaging</c> (ServiceDefaults subscribes to them).</summary>
public static class MessagingTelemetry
{
    public const string Name = "Shop.Messaging";

    public static readonly ActivitySource ActivitySource = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Published = Meter.CreateCounter<long>("shop.messaging.published", description: "Outbox messages published to Kafka");

    public static readonly Counter<long> Handled = Meter.CreateCounter<long>("shop.messaging.handled", description: "Messages handled by the inbox consumer");

    public static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>(
        "shop.messaging.batch.size", unit: "{record}", description: "Records of one partition handed to the consumer's handler at once");

    public static readonly Counter<long> BatchFallbacks = Meter.CreateCounter<long>(
        "shop.messaging.batch.fallbacks", description: "Batches that failed and were handled again one record at a time");

    public static readonly Counter<long> Duplicates = Meter.CreateCounter<long>("shop.messaging.duplicates", description: "Redelivered messages the inbox skipped");
}
