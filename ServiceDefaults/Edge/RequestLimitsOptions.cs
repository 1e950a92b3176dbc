namespace Shop.ServiceDefaults.Edge;

/// <summary>
/// Limits every service applies to request bodies of its HTTP API before an endpoint sees them. Bound from the
/// <c>RequestLimits</c> section.
/// </summary>
public sealed class RequestLimitsOptions
{
    public const string SectionName = "RequestLimits";

    /// <summary>The default body limit. An order of 50 lines with 64-character SKUs is about 5 KiB, so 64 KiB
    /// leaves room for any legitimate request and keeps a hostile one from being buffered or parsed.</summary>
    public const long DefaultMaxBodyBytes = 64 * 1024;

    /// <summary>Largest request body accepted; a larger one is answered 413 without being read.</summary>
    public long MaxBodyBytes { get; set; } = DefaultMaxBodyBytes;

    /// <summary>Requests under this path prefix are checked; others (health, diagnostics) are left alone.</summary>
    public string PathPrefix { get; set; } = "/api";
}
