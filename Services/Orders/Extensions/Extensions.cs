using Shop.Messaging;
using Shop.Messaging.Extensions;
using Shop.Redis;
using Shop.Orders.Data;

namespace Shop.Orders.Extensions;

public static class Extensions
{
    public const string ServiceName = "orders";

    public static IHostApplicationBuilder AddOrdersServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<OrdersDbContext>("ordersdb", OrdersDbContext.Schema);
        builder.AddKafkaMessaging(ServiceName);
        builder.AddRedis(ServiceNames.Cache);
        return builder;
    }
}
