namespace Shop.Orders.Admission;

/// <summary>
/// The <c>Orders:Admission</c> section: how many order placements one instance runs at once and how many may wait
/// (the names are those of ASP.NET Core's <see cref="System.Threading.RateLimiting.ConcurrencyLimiterOptions"/>), and
/// how many accepted orders may be unfinished across all instances before new ones are refused.
/// </summary>
public sealed class PlacementAdmissionOptions
{
    public const string Section = "Orders:Admission";

    /// <summary>Off: neither the concurrency limit nor the backlog bound applies.</summary>
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

    /// <summary>
    /// Orders not yet Completed or Cancelled, across every instance, beyond which a placement is refused (0: no
    /// bound). The concurrency limit above only bounds placements in flight; once committed, an order's saga queues
    /// in Kafka and the outboxes, and past capacity that queue grows without end while every accepted order waits
    /// behind it. By Little's law the wait of an accepted order is about backlog ÷ throughput: 128 at the ~35
    /// sagas/s one machine finishes is ~3.5 s, while at the few hundred milliseconds a saga takes unloaded it
    /// would let ~300 sagas/s through, so the bound throttles only a system that is already behind. Raise it with
    /// the deployment's throughput (replicas), lower it for a shorter wait.
    /// </summary>
    public int MaxUnfinishedOrders { get; set; } = 128;

    /// <summary>How often an instance counts the unfinished orders (in the background, so a placement never waits
    /// for the count). Between counts it adds the placements it admitted itself; other instances' admissions show
    /// at the next count, so the bound may be passed by about (instances − 1) × arrival rate × this interval.</summary>
    public TimeSpan UnfinishedOrdersRefreshInterval { get; set; } = TimeSpan.FromMilliseconds(200);
}
