using Shop.Contracts.Orders;
using Shop.Messaging.Handling;
using Shop.Orders.Data;

namespace Shop.Orders.Handlers;

/// <summary>Keeps the order's status and timeline in step with the saga, one saga event at a time. Recording the same
/// steps twice leaves the same entries, so a redelivery changes nothing.</summary>
public sealed class RecordOrderProgressV2Handler(OrdersDbContext db) : IMessageHandler<RecordOrderProgressV2>
{
    public async Task HandleAsync(RecordOrderProgressV2 message, CancellationToken cancellationToken)
    {
        var order = await db.GetForCommandAsync(message, cancellationToken);
        order.RecordProgress(message.State, message.Steps, message.At);
    }
}
