namespace Shop.Inventory.Caching;

/// <summary>The <c>ProductCache</c> configuration section.</summary>
public sealed class ProductCacheOptions
{
    public const string SectionName = "ProductCache";

    public bool Enabled { get; set; } = true;

    /// <summary>How long a cached product lives. Invalidation keeps it correct; the TTL only bounds how long a value
    /// could outlive a write whose invalidation never happened (the process died between commit and invalidation).</summary>
    public TimeSpan Ttl { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a read waits for Redis before it goes to the database instead.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often invalidations that failed (Redis away during a write) are retried.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(1);
}
