using Shop.Contracts.Orders;
using Shop.Messaging.Handling;
using Shop.Messaging.Outbox;
using Shop.Orders.Data;
using Shop.Orders.Domain;

namespace Shop.Orders.Handlers;

public sealed partial class CompleteOrderHandler(OrdersDbContext db, IOutbox outbox, TimeProvider time, ILogger<CompleteOrderHandler> logger)
    : IMessageHandler<CompleteOrder>
{
    public async Task HandleAsync(CompleteOrder message, CancellationToken cancellationToken)
    {
        var order = await db.GetForCommandAsync(message, cancellationToken);
        if (order.Complete(time.GetUtcNow()) == TerminalTransition.Conflict)
        {
            // Only the saga cancels, and it never completes what it cancelled: this is a bug elsewhere, not a retry.
            LogConflict(order.Id, order.Status);
            return;
        }

        // Also on a redelivery: the saga may be waiting for an event whose first copy was lost with a crash.
        outbox.Add(new OrderCompleted(order.Id), order.Id.ToString());
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "CompleteOrder for order {OrderId}, which is already {Status}; ignored")]
    private partial void LogConflict(Guid orderId, string status);
}
