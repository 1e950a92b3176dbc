using Shop.Contracts;
using Shop.Contracts.Orders;
using Shop.Messaging;
using Shop.Messaging.Extensions;
using Shop.Orders.Admission;
using Shop.Orders.Data;
using Shop.Orders.Handlers;
using Shop.Orders.Live;
using Shop.Orders.Pricing;
using Shop.Orders.RateLimiting;
using Shop.Orders.Storefront;

namespace Shop.Orders.Extensions;

public static class Extensions
{
    public const string ServiceName = "orders";

    public static IHostApplicationBuilder AddOrdersServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<OrdersDbContext>("ordersdb", OrdersDbContext.Schema);
        builder.AddDefaultOpenApi("Shop.Aspire orders", "Places and cancels orders, reads their status and saga timeline (also live, as Server-Sent Events), and backs the web page at /.");
        builder.Services.AddOpenApi();
        builder.AddKafkaMessaging(ServiceName);
        builder.AddTransactionalMessaging<OrdersDbContext>();
        builder.AddOptionalRedisClient(ServiceNames.Cache, "orders are let through unchecked (the rate limiter fails open)");
        builder.AddOrderRateLimiting();
        builder.AddOrderPlacementAdmission();

        builder.Services.AddProblemDetails();

        // Discovery and the standard resilience pipeline are every client's defaults (AddServiceDefaults).
        builder.Services.AddHttpClient<InventoryClient>(client => client.BaseAddress = new Uri(InventoryClient.BaseAddress));
        builder.Services.AddStorefront();

        builder.Services.Configure<LiveStatusOptions>(builder.Configuration.GetSection(LiveStatusOptions.Section));
        builder.Services.AddSingleton<OrderChangeFeed>();
        builder.Services.AddHostedService<OrderChangeListener>();

        builder.Services.AddMessageHandler<RecordOrderProgressV2, RecordOrderProgressV2Handler>();
        builder.Services.AddMessageHandler<RecordOrderProgress, RecordOrderProgressHandler>();
        builder.Services.AddMessageHandler<CompleteOrder, CompleteOrderHandler>();
        builder.Services.AddMessageHandler<CancelOrder, CancelOrderHandler>();
        builder.Services.AddInboxConsumer<OrdersDbContext>(ServiceName, [ContractTopics.OrdersCommands]);
        return builder;
    }
}
