using Microsoft.Extensions.Options;
using Shop.Contracts.Inventory;
using Shop.Inventory.Data;
using Shop.Inventory.Domain;
using Shop.Inventory.Extensions;
using Shop.Messaging.Handling;
using Shop.Messaging.Outbox;

namespace Shop.Inventory.Handlers;

/// <summary>
/// Holds every line of an order, all or nothing. The products are locked (by SKU) before their stock is read, so
/// two replicas reserving the last units serialise instead of both succeeding. Any outcome leaves a reservation
/// row, so the same order asked again answers from it and changes nothing.
/// </summary>
public sealed class ReserveStockHandler(
    InventoryDbContext db, IOutbox outbox, TimeProvider time, IOptions<InventoryOptions> options) : IMessageHandler<ReserveStock>
{
    public async Task HandleAsync(ReserveStock message, CancellationToken cancellationToken)
    {
        var key = message.OrderId.ToString();
        if (await db.LockReservationAsync(message.OrderId, cancellationToken) is { } earlier)
        {
            if (earlier.Status == ReservationStatus.Released)
            {
                outbox.Add(new StockReservationFailed(message.OrderId, StockFailureReasons.Released, []), key);
            }
            else
            {
                outbox.Add(new StockReserved(message.OrderId), key);
            }

            return;
        }

        var now = time.GetUtcNow();
        var quantities = message.Lines
            .GroupBy(line => line.Sku, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (int)Math.Min(g.Sum(line => (long)line.Quantity), int.MaxValue), StringComparer.Ordinal);
        var products = await db.LockProductsAsync(quantities.Keys, cancellationToken);

        var unknown = quantities.Keys.Where(sku => !products.ContainsKey(sku)).Order(StringComparer.Ordinal).ToList();
        var shortOf = quantities.Where(q => products.TryGetValue(q.Key, out var p) && q.Value > p.Available)
            .Select(q => q.Key).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0 || shortOf.Count > 0)
        {
            // A failed order holds nothing, but its row is kept, so a late duplicate cannot hold stock after all.
            db.Reservations.Add(Reservation.Tombstone(message.OrderId, now));
            outbox.Add(unknown.Count > 0
                ? new StockReservationFailed(message.OrderId, StockFailureReasons.UnknownSku, unknown)
                : new StockReservationFailed(message.OrderId, StockFailureReasons.OutOfStock, shortOf), key);
            return;
        }

        db.Reservations.Add(Reservation.Hold(message.OrderId, quantities, products, now, options.Value.HoldDuration));
        outbox.Add(new StockReserved(message.OrderId), key);
    }
}
