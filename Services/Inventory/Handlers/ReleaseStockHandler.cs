using Shop.Contracts.Inventory;
using Shop.Inventory.Data;
using Shop.Inventory.Domain;
using Shop.Messaging.Handling;
using Shop.Messaging.Outbox;

namespace Shop.Inventory.Handlers;

/// <summary>
/// Compensation: gives back what the order holds. An order that holds nothing gets a released tombstone, so a
/// <c>ReserveStock</c> still on its way cannot hold stock afterwards. Sold stock cannot be un-sold: the saga
/// releases only uncommitted orders, so a release of a committed one is logged and answered with nothing.
/// </summary>
public sealed partial class ReleaseStockHandler(
    InventoryDbContext db, IOutbox outbox, TimeProvider time, ILogger<ReleaseStockHandler> logger) : IMessageHandler<ReleaseStock>
{
    public async Task HandleAsync(ReleaseStock message, CancellationToken cancellationToken)
    {
        var reservation = await db.LockReservationAsync(message.OrderId, cancellationToken);
        switch (reservation?.Status)
        {
            case null:
                db.Reservations.Add(Reservation.Tombstone(message.OrderId, time.GetUtcNow()));
                break;
            case ReservationStatus.Held:
                var products = await db.LockProductsAsync(reservation.Lines.Select(l => l.Sku), cancellationToken);
                reservation.Release(products, time.GetUtcNow());
                break;
            case ReservationStatus.Committed:
                LogCommitted(message.OrderId);
                return;
        }

        outbox.Add(new StockReleased(message.OrderId), message.OrderId.ToString());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored ReleaseStock for order {OrderId}: its stock is already sold")]
    private partial void LogCommitted(Guid orderId);
}
