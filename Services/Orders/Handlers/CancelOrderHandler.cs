using Shop.Contracts.Orders;
using Shop.Messaging.Handling;
using Shop.Messaging.Outbox;
using Shop.Orders.Data;
using Shop.Orders.Domain;

namespace Shop.Orders.Handlers;

public sealed partial class CancelOrderHandler(OrdersDbContext db, IOutbox outbox, TimeProvider time, ILogger<CancelOrderHandler> logger)
    : IMessageHandler<CancelOrder>
{
    public async Task HandleAsync(CancelOrder message, CancellationToken cancellationToken)
    {
        var order = await db.GetForCommandAsync(message, cancellationToken);
        if (order.Cancel(message.Reason, time.GetUtcNow()) == TerminalTransition.Conflict)
        {
            // Completed means money taken and stock sold; only the saga could undo that, and it never asks.
            LogConflict(order.Id, order.Status, message.Reason);
            return;
        }

        // A redelivery re-publishes the reason first recorded, not the one in this copy.
        outbox.Add(new OrderCancelled(order.Id, order.Reason!), order.Id.ToString());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "CancelOrder ({Reason}) for order {OrderId}, which is already {Status}; ignored")]
    private partial void LogConflict(Guid orderId, string status, string reason);
}
