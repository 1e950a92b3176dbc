using Microsoft.Extensions.Options;
using Shop.Contracts.Inventory;
using Shop.Inventory.Data;
using Shop.Inventory.Extensions;
using Shop.Messaging.Outbox;

namespace Shop.Inventory.Expiry;

/// <summary>
/// Releases one batch of expired holds in one transaction, as <c>ReleaseStock</c> would, and tells the saga with
/// <see cref="StockReleased"/>. Holds locked by someone else (a handler committing them right now, another
/// replica's sweeper) are skipped: they are either settled by that transaction or swept next time.
/// </summary>
public sealed partial class ExpiredHoldReleaser(
    InventoryDbContext db,
    IOutbox outbox,
    TimeProvider time,
    IOptions<InventoryOptions> options,
    ILogger<ExpiredHoldReleaser> logger)
{
    /// <summary>Returns how many holds were released; fewer than the batch size means none are left for now.</summary>
    public async Task<int> ReleaseBatchAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var expired = await db.LockExpiredHoldsAsync(now, options.Value.HoldSweepBatchSize, cancellationToken);
        if (expired.Count == 0)
        {
            return 0;
        }

        var products = await db.LockProductsAsync(expired.SelectMany(r => r.Lines).Select(l => l.Sku), cancellationToken);
        foreach (var reservation in expired)
        {
            reservation.Release(products, now);
            outbox.Add(new StockReleased(reservation.OrderId), reservation.OrderId.ToString());
            LogReleased(reservation.OrderId, reservation.ExpiresAt);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return expired.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Released the hold of order {OrderId}: it expired at {ExpiresAt:O} without a commit or release")]
    private partial void LogReleased(Guid orderId, DateTimeOffset expiresAt);
}
