using System.Data;
using Microsoft.EntityFrameworkCore;
using Shop.Orders.Domain;

namespace Shop.Orders.Data;

public static class OrderSnapshots
{
    /// <summary>
    /// The order with its lines and timeline, read in ONE snapshot. The split queries read the order row and its
    /// timeline with separate statements; without a repeatable-read transaction a change committed between them
    /// would be returned (or streamed live) as a state that never existed.
    /// </summary>
    public static async Task<Order?> FindOrderSnapshotAsync(this OrdersDbContext db, Guid id, CancellationToken cancellationToken)
    {
        await using var snapshot = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var order = await db.Orders.AsNoTracking()
            .Include(o => o.Lines)
            .Include(o => o.Timeline)
            .AsSplitQuery()
            .FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        await snapshot.CommitAsync(cancellationToken);
        return order;
    }
}
