namespace Shop.Orders.RateLimiting;

/// <summary>The <c>RateLimiting</c> configuration section: the limits on <c>POST /api/orders</c>.</summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    public bool Enabled { get; set; } = true;

    /// <summary>Per <c>customerId</c> of the order.</summary>
    public TokenBucketLimit PerCustomer { get; set; } = new() { PermitsPerSecond = 50, Burst = 100 };

    /// <summary>Per client IP address (IPv6 by /64, the block one subscriber usually gets).</summary>
    public TokenBucketLimit PerClientAddress { get; set; } = new() { PermitsPerSecond = 1000, Burst = 2000 };

    /// <summary>How long a request waits for Redis' verdict before it is let through (fail open).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(1);
}
