using Shop.Messaging.Outbox;
using Shop.Orders.Data;

namespace Shop.Orders.Apis;

/// <summary>What the order endpoints need, bound with <c>[AsParameters]</c>.</summary>
public sealed class OrderServices(OrdersDbContext db, IOutbox outbox, TimeProvider time)
{
    public OrdersDbContext Db { get; } = db;

    public IOutbox Outbox { get; } = outbox;

    public TimeProvider Time { get; } = time;
}
