using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shop.Contracts;
using Shop.Contracts.Inventory;
using Shop.Inventory.Data;
using Shop.Inventory.Domain;
using Shop.Inventory.Expiry;
using Shop.Inventory.Extensions;
using Shop.Inventory.Handlers;
using Shop.AppHost.Testing;
using Shop.Messaging.Envelope;
using Shop.Messaging.Handling;
using Shop.Messaging.Outbox;

namespace Shop.Inventory.Tests.Support;

/// <summary>
/// The AppHost's infrastructure without the services (a throw-away PostgreSQL cluster, redis-server, the Kafka mock
/// broker), with the inventory database migrated once. Tests share it, so each uses its own SKUs and order ids.
/// </summary>
public sealed class InfrastructureFixture : IAsyncLifetime
{
    public const int KafkaPartitions = 2;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly SemaphoreSlim _appLock = new(1, 1);
    private ShopAppHost? _topology;
    private InventoryApp? _app;

    public ShopAppHost Topology => _topology ?? throw new InvalidOperationException("the infrastructure is not running");

    public string ConnectionString => Topology.PostgresConnectionString("inventorydb");

    /// <summary>The clock every service provider of these tests shares; tests move it to expire holds.</summary>
    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    public async Task InitializeAsync()
    {
        using var deadline = new CancellationTokenSource(StartTimeout);
        _topology = await ShopAppHost.StartInfrastructureAsync(
            new ShopAppHostOptions { KafkaBrokers = 1, KafkaPartitions = KafkaPartitions, StartupTimeout = StartTimeout },
            deadline.Token);

        await using var services = CreateServices();
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<InventoryDbContext>().Database.MigrateAsync(deadline.Token);
    }

    /// <summary>The inventory service on this infrastructure, started on first use and shared by the HTTP tests.</summary>
    public async Task<InventoryApp> AppAsync()
    {
        await _appLock.WaitAsync();
        try
        {
            if (_app is null)
            {
                var app = new InventoryApp(this);
                await app.StartAsync();
                _app = app;
            }

            return _app;
        }
        finally
        {
            _appLock.Release();
        }
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _appLock.Dispose();
        if (_topology is not null)
        {
            await _topology.DisposeAsync();
        }
    }

    /// <summary>The inventory's data, handlers and outbox as the service registers them, minus Kafka.</summary>
    public ServiceProvider CreateServices(Action<InventoryOptions>? configure = null, TimeProvider? clock = null)
    {
        var options = new InventoryOptions();
        configure?.Invoke(options);
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(clock ?? Clock)
            .AddSingleton(Options.Create(options))
            .AddSingleton(new MessageTypeRegistry(MessageContracts.All))
            .AddSingleton<MessageSerializer>()
            .AddScoped<MessageContext>()
            .AddScoped<IOutbox, EfOutbox<InventoryDbContext>>()
            .AddScoped<IMessageHandler<ReserveStock>, ReserveStockHandler>()
            .AddScoped<IMessageHandler<ReleaseStock>, ReleaseStockHandler>()
            .AddScoped<IMessageHandler<CommitStock>, CommitStockHandler>()
            .AddScoped<ExpiredHoldReleaser>();
        services.AddDbContext<InventoryDbContext>(db => db.UseNpgsql(
            ConnectionString, npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory", InventoryDbContext.Schema)));
        return services.BuildServiceProvider(validateScopes: true);
    }

    /// <summary>Creates products with the given stock (a fresh SKU prefix keeps tests apart).</summary>
    public async Task SeedAsync(IServiceProvider services, params (string Sku, int OnHand)[] products)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InventoryDbContext>();
        foreach (var (sku, onHand) in products)
        {
            db.Products.Add(new Product(sku, "Product " + sku, 1.25m, onHand, Clock.GetUtcNow()));
        }

        await db.SaveChangesAsync();
    }
}
