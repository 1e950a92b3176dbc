namespace Shop.ServiceDefaults.Telemetry;

/// <summary>
/// The one list of the ActivitySources and Meters that the project's own code (and MassTransit, which has no
/// instrumentation package) emits; <see cref="Microsoft.Extensions.Hosting.Extensions.ConfigureOpenTelemetry{TBuilder}"/>
/// adds them by name beside the instrumentation packages. A name missing here is silently not exported.
/// </summary>
public static class ShopTelemetry
{
    public static IReadOnlyList<string> ActivitySources { get; } =
    [
        // The outbox relay's publish spans and the inbox consumers' process spans: the Kafka hops of an order's trace.
        "Shop.Messaging",
        // The saga state machine's consume and publish spans under the mediator, between the inbox span and the outbox.
        "MassTransit",
    ];

    public static IReadOnlyList<string> Meters { get; } =
    [
        "Shop.Messaging",      // published, handled, duplicates, batch sizes and fallbacks
        "Shop.Saga",           // sagas started, completed, compensated, and their duration (orchestrator)
        "Shop.Admission",      // placements refused by the backlog bound (orders)
        "Shop.RateLimiting",   // rate-limit decisions and fail-opens (orders)
        "Shop.ProductCache",   // product cache hits, misses, bypasses and invalidations (inventory)
        "MassTransit",
    ];
}
