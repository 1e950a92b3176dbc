namespace Shop.Orders.RateLimiting;

/// <summary>One token bucket: it holds at most <see cref="Burst"/> tokens and refills at <see cref="PermitsPerSecond"/>.</summary>
public sealed class TokenBucketLimit
{
    public double PermitsPerSecond { get; set; }

    public int Burst { get; set; }

    public bool IsValid => PermitsPerSecond > 0 && double.IsFinite(PermitsPerSecond) && Burst >= 1;
}
