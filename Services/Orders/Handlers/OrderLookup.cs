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
        this OrdersDbContext db, TMessage message, bool withTimeline, CancellationToken cancellationToken)
        where TMessage : IOrderMessage
    {
        IQueryable<Order> orders = withTimeline ? db.Orders.Include(o => o.Timeline) : db.Orders;
        return await orders.FirstOrDefaultAsync(o => o.Id == message.OrderId, cancellationToken)
            ?? throw new PermanentMessageException(
                "unknown-order", $"{typeof(TMessage).Name} for order {message.OrderId}, which this service does not know.");
    }
}
