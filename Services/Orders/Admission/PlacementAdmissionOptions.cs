namespace Shop.Orders.Admission;

/// <summary>
/// The <c>Orders:Admission</c> section: how many order placements one instance runs at once, and how many may wait.
/// The names are those of ASP.NET Core's <see cref="System.Threading.RateLimiting.ConcurrencyLimiterOptions"/>.
/// </summary>
public sealed class PlacementAdmissionOptions
{
    public const string Section = "Orders:Admission";

    public bool Enabled { get; set; } = true;

    /// <summary>Placements running at once. A placement holds at most one database connection at a time, so 32 take at
    /// most a third of Npgsql's default pool (Max Pool Size = 100) and leave the rest to reads, the live streams, the
    /// inbox consumer and the outbox relay. Lower it with the pool; past the machine's capacity more only queue
    /// inside the service instead of here.</summary>
    public int PermitLimit { get; set; } = 32;

    /// <summary>Placements that may wait for a permit (oldest first); one more is answered 503 at once. Small, so a
    /// waiting request is served within about one placement's time or told to come back, rather than held until the
    /// client gives up.</summary>
    public int QueueLimit { get; set; } = 32;

    /// <summary>The <c>Retry-After</c> of a refused placement (whole seconds, at least one).</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);
}
