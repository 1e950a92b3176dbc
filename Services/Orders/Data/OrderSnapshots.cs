using Microsoft.EntityFrameworkCore;
using Shop.Orders.Domain;

namespace Shop.Orders.Data;

public static class OrderSnapshots
{
    /// <summary>
    /// The order with its lines and timeline, read in ONE snapshot: one statement, which PostgreSQL runs against a
    /// single snapshot at any isolation level, so a change committed meanwhile is either wholly in the answer or not
    /// at all (split queries would need a repeatable-read transaction around them to promise the same). One round
    /// trip instead of five (begin, three selects, commit) for the call the status polls and the live stream make
    /// most. The join returns lines × timeline rows, bounded by <see cref="Order.MaxLines"/> times the few saga
    /// steps, and EF folds them back into one order.
    /// </summary>
    public static Task<Order?> FindOrderSnapshotAsync(this OrdersDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.Orders.AsNoTracking()
            .Include(o => o.Lines)
            .Include(o => o.Timeline)
            .AsSingleQuery()
            .FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
}
