using System.Diagnostics.Metrics;

namespace Shop.Orders.RateLimiting;

/// <summary>The limiter's Meter, <c>Shop.RateLimiting</c> (ServiceDefaults subscribes to it).</summary>
public static class RateLimitingTelemetry
{
    public const string MeterName = "Shop.RateLimiting";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> Decisions = Meter.CreateCounter<long>(
        "shop.ratelimit.decisions", description: "Rate-limit verdicts: tag result = allowed | denied, limit = customer | client-address (denied only)");

    public static readonly Counter<long> FailOpen = Meter.CreateCounter<long>(
        "shop.ratelimit.fail_open", description: "Requests let through unchecked because Redis did not answer");
}
