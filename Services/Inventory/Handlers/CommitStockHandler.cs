using Shop.Contracts.Inventory;
using Shop.Inventory.Data;
using Shop.Inventory.Domain;
using Shop.Messaging.Handling;
using Shop.Messaging.Outbox;

namespace Shop.Inventory.Handlers;

/// <summary>Turns the order's hold into a sale. A hold that expired but was not swept yet is still committed:
/// the expiry is a safety net for a vanished saga, not a deadline the saga races against.</summary>
public sealed class CommitStockHandler(InventoryDbContext db, IOutbox outbox, TimeProvider time) : IMessageHandler<CommitStock>
{
    public async Task HandleAsync(CommitStock message, CancellationToken cancellationToken)
    {
        var key = message.OrderId.ToString();
        var reservation = await db.LockReservationAsync(message.OrderId, cancellationToken);
        if (reservation?.Status == ReservationStatus.Held)
        {
            var products = await db.LockProductsAsync(reservation.Lines.Select(l => l.Sku), cancellationToken);
            reservation.Commit(products, time.GetUtcNow());
        }

        if (reservation?.Status == ReservationStatus.Committed)
        {
            outbox.Add(new StockCommitted(message.OrderId), key);
        }
        else
        {
            outbox.Add(new StockCommitFailed(message.OrderId, StockFailureReasons.NotHeld), key);
        }
    }
}
