using Shop.Messaging;
using Shop.Messaging.Extensions;
using Shop.Redis;
using Shop.Inventory.Data;

namespace Shop.Inventory.Extensions;

public static class Extensions
{
    public const string ServiceName = "inventory";

    public static IHostApplicationBuilder AddInventoryServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<InventoryDbContext>("inventorydb", InventoryDbContext.Schema);
        builder.AddKafkaMessaging(ServiceName);
        builder.AddRedis(ServiceNames.Cache);
        return builder;
    }
}
