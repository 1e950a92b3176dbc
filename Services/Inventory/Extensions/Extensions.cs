using Shop.Contracts;
using Shop.Contracts.Inventory;
using Shop.Inventory.Caching;
using Shop.Inventory.Data;
using Shop.Inventory.Expiry;
using Shop.Inventory.Handlers;
using Shop.Messaging;
using Shop.Messaging.Extensions;

namespace Shop.Inventory.Extensions;

public static class Extensions
{
    public const string ServiceName = "inventory";

    public static IHostApplicationBuilder AddInventoryServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        // An unreadable body surfaces as BadHttpRequestException (thrown in Development): the client's 400, not our 500.
        builder.Services.AddExceptionHandler(options => options.StatusCodeSelector = exception =>
            exception is BadHttpRequestException badRequest ? badRequest.StatusCode : StatusCodes.Status500InternalServerError);
        builder.Services.AddOptions<InventoryOptions>()
            .Bind(builder.Configuration.GetSection(InventoryOptions.SectionName))
            .Validate(o => o.HoldDuration > TimeSpan.Zero, "Inventory:HoldDuration must be positive")
            .Validate(o => o.HoldSweepInterval > TimeSpan.Zero, "Inventory:HoldSweepInterval must be positive")
            .Validate(o => o.HoldSweepBatchSize > 0, "Inventory:HoldSweepBatchSize must be positive")
            .ValidateOnStart();

        builder.AddServiceDatabase<InventoryDbContext>("inventorydb", InventoryDbContext.Schema);
        builder.AddDefaultOpenApi("Shop.Aspire inventory", "Products, their stock (on hand, reserved, available) and prices; reservations are made by the saga over Kafka.");
        builder.Services.AddOpenApi();
        builder.AddKafkaMessaging(ServiceName);
        builder.AddTransactionalMessaging<InventoryDbContext>();
        builder.AddOptionalRedisClient(ServiceNames.Cache, "products are read from the database (the cache is bypassed)");
        builder.AddProductCache();

        builder.Services.AddMessageHandler<ReserveStock, ReserveStockHandler>();
        builder.Services.AddMessageHandler<ReleaseStock, ReleaseStockHandler>();
        builder.Services.AddMessageHandler<CommitStock, CommitStockHandler>();
        // One transaction per record: every reservation locks its products' rows, and a batch would hold them until
        // its commit. Past capacity, batches on different partitions locked the same hot products in different orders
        // and deadlocked (32 in one 30 s run, each a 1 s wait and a fallback), and throughput fell by two thirds.
        builder.Services.AddInboxConsumer<InventoryDbContext>(ServiceName, [ContractTopics.InventoryCommands], batching: false);

        builder.Services.AddScoped<ExpiredHoldReleaser>();
        builder.Services.AddHostedService<HoldExpirySweeper>();
        return builder;
    }
}
