using Microsoft.EntityFrameworkCore;
using Shop.Contracts;
using Shop.Messaging.Kafka;
using Shop.Orders.Data;
using Shop.Orders.Domain;

namespace Shop.Orders.Handlers;

internal static class OrderLookup
{
    /// <summary>
    /// The order a saga command is about. The saga only knows orders this service created, so an unknown id
    /// can never succeed: it is dead-lettered rather than retried.
    /// </summary>
    public static async Task<Order> GetForCommandAsync<TMessage>(
        this OrdersDbContext db, TMessage message, CancellationToken cancellationToken)
        where TMessage : IOrderMessage
    {
        // With its timeline: every saga command may add to it, completion and cancellation included.
        return await db.Orders.Include(o => o.Timeline).FirstOrDefaultAsync(o => o.Id == message.OrderId, cancellationToken)
            ?? throw new PermanentMessageException(
                "unknown-order", $"{typeof(TMessage).Name} for order {message.OrderId}, which this service does not know.");
    }
}
