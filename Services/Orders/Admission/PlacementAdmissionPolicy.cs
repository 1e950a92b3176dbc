using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Shop.Orders.Admission;

/// <summary>
/// Admission control for <c>POST /api/orders</c>: one concurrency limiter per instance (each instance guards its own
/// connection pool), so past capacity a placement is refused at once with 503 problem+json and <c>Retry-After</c>
/// instead of waiting for a pooled connection until Npgsql gives up. It runs as ASP.NET Core's rate-limiting
/// middleware, before the body is read: a refused request stores nothing and costs no token of the per-customer
/// limits (<see cref="RateLimiting.OrderRateLimiter"/>). 503 rather than 429: the client did nothing wrong, the
/// instance is busy, and a retry (with the same <c>Idempotency-Key</c>) may go to another one. The middleware's meter
/// (<c>aspnetcore.rate_limiting.*</c>) counts the refusals and the time spent queued.
/// </summary>
public sealed class PlacementAdmissionPolicy(IOptions<PlacementAdmissionOptions> options) : IRateLimiterPolicy<string>
{
    public const string Name = "order-placement";
    private const string Partition = "placements";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RefuseAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var settings = options.Value;
        return settings.Enabled
            ? RateLimitPartition.GetConcurrencyLimiter(Partition, _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = settings.PermitLimit,
                QueueLimit = settings.QueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            })
            : RateLimitPartition.GetNoLimiter(Partition);
    }

    private async ValueTask RefuseAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await PlacementRefusal.Problem(
                context.HttpContext,
                settings.RetryAfter,
                "Too many orders are being placed right now.",
                $"This instance is placing {settings.PermitLimit} orders with {settings.QueueLimit} waiting")
            .ExecuteAsync(context.HttpContext);
    }
}
