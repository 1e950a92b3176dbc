using System.Diagnostics.Metrics;

namespace Shop.Redis;

/// <summary>The client's Meter, <c>Shop.Redis</c> (ServiceDefaults subscribes to it).</summary>
public static class RedisTelemetry
{
    public const string MeterName = "Shop.Redis";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> Commands = Meter.CreateCounter<long>("shop.redis.commands", description: "Commands sent to Redis");

    public static readonly Counter<long> CommandFailures = Meter.CreateCounter<long>(
        "shop.redis.command.failures", description: "Commands that got no reply: tag reason = disconnected | timeout");

    public static readonly Histogram<long> PipelineBatch = Meter.CreateHistogram<long>(
        "shop.redis.pipeline.batch_size", unit: "{command}", description: "Commands written to the socket in one write");

    public static readonly Counter<long> Connects = Meter.CreateCounter<long>(
        "shop.redis.connects", description: "Connection attempts: tag outcome = success | failure, role = commands | subscriber");

    public static readonly Counter<long> Disconnects = Meter.CreateCounter<long>("shop.redis.disconnects", description: "Established connections lost");
}
