using System.Diagnostics.Metrics;

namespace Shop.Inventory.Caching;

/// <summary>The product cache's Meter, <c>Shop.ProductCache</c> (ServiceDefaults subscribes to it).</summary>
public static class ProductCacheTelemetry
{
    public const string MeterName = "Shop.ProductCache";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> Hits = Meter.CreateCounter<long>("shop.product_cache.hits", description: "Product reads answered from Redis");

    public static readonly Counter<long> Misses = Meter.CreateCounter<long>("shop.product_cache.misses", description: "Product reads that went to the database");

    public static readonly Counter<long> Bypassed = Meter.CreateCounter<long>(
        "shop.product_cache.bypassed", description: "Product reads that skipped the cache: Redis failed, or an invalidation is still pending");

    public static readonly Counter<long> Invalidations = Meter.CreateCounter<long>(
        "shop.product_cache.invalidations", description: "Products invalidated after a committed stock change: tag outcome = done | pending");
}
