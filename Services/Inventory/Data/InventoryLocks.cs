using Microsoft.EntityFrameworkCore;
using Shop.Inventory.Domain;

namespace Shop.Inventory.Data;

/// <summary>
/// Row locks (<c>SELECT ... FOR UPDATE</c>) in the caller's transaction. Everything that changes stock takes them
/// in one order, reservation first, then products by SKU, so concurrent replicas serialise instead of
/// overselling, and do not deadlock. They return tracked entities: call them before anything else in the
/// context loads the same rows, or the context's older copy wins.
/// </summary>
public static class InventoryLocks
{
    /// <summary>The order's reservation with its lines, locked; null when the order has none.</summary>
    public static async Task<Reservation?> LockReservationAsync(
        this InventoryDbContext db, Guid orderId, CancellationToken cancellationToken)
    {
        // ToList, not SingleOrDefault: a composed query would wrap the locking SELECT in a subquery.
        var reservation = (await db.Reservations
            .FromSql($"SELECT * FROM inventory.reservations WHERE order_id = {orderId} FOR UPDATE")
            .ToListAsync(cancellationToken)).SingleOrDefault();
        if (reservation is not null)
        {
            await db.Entry(reservation).Collection(r => r.Lines).LoadAsync(cancellationToken);
        }

        return reservation;
    }

    /// <summary>The products among <paramref name="skus"/> that exist, locked, by SKU.</summary>
    public static async Task<Dictionary<string, Product>> LockProductsAsync(
        this InventoryDbContext db, IEnumerable<string> skus, CancellationToken cancellationToken)
    {
        var wanted = skus.Distinct(StringComparer.Ordinal).ToArray();
        if (wanted.Length == 0)
        {
            return new Dictionary<string, Product>(StringComparer.Ordinal);
        }

        var products = await db.Products
            .FromSql($"SELECT * FROM inventory.products WHERE sku = ANY({wanted}) ORDER BY sku FOR UPDATE")
            .ToListAsync(cancellationToken);
        return products.ToDictionary(p => p.Sku, StringComparer.Ordinal);
    }

    /// <summary>Up to <paramref name="limit"/> holds expired at <paramref name="now"/>, locked with their lines. Rows
    /// another transaction holds (a handler or a sweeper in another replica) are skipped, not waited for.</summary>
    public static async Task<List<Reservation>> LockExpiredHoldsAsync(
        this InventoryDbContext db, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var held = nameof(ReservationStatus.Held);
        var reservations = await db.Reservations
            .FromSql($"""
                SELECT * FROM inventory.reservations
                WHERE status = {held} AND expires_at <= {now}
                ORDER BY expires_at
                LIMIT {limit}
                FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(cancellationToken);
        var orderIds = reservations.Select(r => r.OrderId).ToArray();
        // Tracked reservations pick their lines up by fix-up: one query for the whole batch.
        await db.Set<ReservationLine>().Where(l => orderIds.Contains(l.OrderId)).LoadAsync(cancellationToken);

        return reservations;
    }
}
