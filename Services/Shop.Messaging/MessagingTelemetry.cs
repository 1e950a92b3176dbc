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

    public static readonly Counter<long> Duplicates = Meter.CreateCounter<long>("shop.messaging.duplicates", description: "Redelivered messages the inbox skipped");
}
