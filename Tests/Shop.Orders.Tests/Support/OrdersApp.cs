using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Shop.AppHost.Testing;
using Shop.Messaging.Outbox;
using Shop.Orders.Data;
using Shop.Orders.Pricing;
using Shop.Orders.Storefront;

namespace Shop.Orders.Tests.Support;

/// <summary>
/// The orders service in-process (WebApplicationFactory) on the AppHost's real PostgreSQL, with a stub inventory
/// behind the real discovery and resilience pipeline. The outbox relay and Kafka consumers are left out, so what a
/// request or handler wrote to the outbox stays there for the test to read. The stub inventory prices every SKU
/// at 2.50, except: <c>unknown-*</c> → 400 unknown SKU, <c>down-*</c> → connection refused.
/// </summary>
// Any type of the service names its assembly; Program is ambiguous here (the AppHost has one too).
public sealed class OrdersApp : WebApplicationFactory<OrdersDbContext>, IAsyncLifetime
{
    public const decimal UnitPrice = 2.50m;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private ShopAppHost? _topology;

    public StubHandler Inventory { get; } = new(PriceAsInventoryWould);

    /// <summary>Inventory's products API for the storefront proxy: lists two products, echoes a PUT product back.</summary>
    public StubHandler Catalog { get; } = new(AnswerAsCatalogWould);

    /// <summary>Payments' accounts API for the storefront proxy: customers <c>unknown-*</c> have no account,
    /// <c>down-*</c> → connection refused; others have 42.00, and a PUT sets the balance and echoes it.</summary>
    public StubHandler Accounts { get; } = new(AnswerAsAccountsWould);

    public async Task InitializeAsync()
    {
        using var deadline = new CancellationTokenSource(StartTimeout);
        _topology = await ShopAppHost.StartInfrastructureAsync(
            new ShopAppHostOptions { KafkaBrokers = 1, KafkaPartitions = 2, StartupTimeout = StartTimeout },
            deadline.Token);

        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OrdersDbContext>().Database.MigrateAsync(deadline.Token);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_topology is not null)
        {
            await _topology.DisposeAsync();
        }
    }

    /// <summary>Counts rows across the service's tables, to show that a refused request stored nothing.</summary>
    public async Task<(int Orders, int Outbox)> CountAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
        return (await db.Orders.CountAsync(), await db.Set<OutboxMessage>().CountAsync());
    }

    /// <summary>The (type, payload) of every outbox row for the order, in publishing order.</summary>
    public async Task<List<(string Type, JsonElement Payload)>> OutboxAsync(Guid orderId)
    {
        await using var scope = Services.CreateAsyncScope();
        var key = orderId.ToString();
        var rows = await scope.ServiceProvider.GetRequiredService<OrdersDbContext>().Set<OutboxMessage>()
            .AsNoTracking().Where(m => m.Key == key).OrderBy(m => m.Id).ToListAsync();
        return [.. rows.Select(m => (m.MessageType, JsonDocument.Parse(m.Payload).RootElement.Clone()))];
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var topology = _topology ?? throw new InvalidOperationException("start the infrastructure first");
        foreach (var (name, connectionString) in topology.ConnectionStrings)
        {
            builder.UseSetting($"ConnectionStrings:{name}", connectionString);
        }

        builder.UseSetting("services:inventory:http:0", "http://inventory.test");
        builder.UseSetting("services:payments:http:0", "http://payments.test");
        // The real pipeline, but quick: a refused connection is retried once, almost at once.
        builder.UseSetting("HttpClient:Resilience:Retry:MaxRetryAttempts", "1");
        builder.UseSetting("HttpClient:Resilience:Retry:Delay", "00:00:00.010");
        // Streams are woken by the database's notifications alone (the safety re-read would hide a missing one),
        // and idle ones send a heartbeat every second, so a test can see one.
        builder.UseSetting("Orders:LiveStatus:SafetyReadInterval", "00:10:00");
        builder.UseSetting("Orders:LiveStatus:HeartbeatInterval", "00:00:01");
        builder.UseEnvironment("Production");

        builder.ConfigureTestServices(services =>
        {
            var messaging = typeof(IOutbox).Assembly;
            var background = services.Where(d => d.ServiceType == typeof(IHostedService)
                && ((d.ImplementationType?.Assembly ?? d.ImplementationFactory?.Method.DeclaringType?.Assembly) == messaging)).ToList();
            foreach (var descriptor in background)
            {
                services.Remove(descriptor);
            }

            services.AddHttpClient<InventoryClient>().ConfigurePrimaryHttpMessageHandler(() => Inventory);
            services.AddHttpClient<ProductsClient>().ConfigurePrimaryHttpMessageHandler(() => Catalog);
            services.AddHttpClient<AccountsClient>().ConfigurePrimaryHttpMessageHandler(() => Accounts);
        });
    }

    internal static HttpResponseMessage PriceAsInventoryWould(HttpRequestMessage request, string body)
    {
        var items = JsonDocument.Parse(body).RootElement.GetProperty("items").EnumerateArray()
            .Select(item => (Sku: item.GetProperty("sku").GetString()!, Quantity: item.GetProperty("quantity").GetInt32()))
            .ToList();
        if (items.Any(item => item.Sku.StartsWith("down-", StringComparison.Ordinal)))
        {
            throw new HttpRequestException("Connection refused (stub)");
        }

        var unknown = items.Select((item, i) => (item.Sku, i)).Where(x => x.Sku.StartsWith("unknown-", StringComparison.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            var errors = unknown.ToDictionary(x => $"items[{x.i}].sku", x => new[] { $"Unknown SKU '{x.Sku}'." });
            return Json(HttpStatusCode.BadRequest, new { title = "One or more validation errors occurred.", status = 400, errors });
        }

        var priced = items.Select(item => new { sku = item.Sku, quantity = item.Quantity, unitPrice = UnitPrice, name = item.Sku }).ToList();
        return Json(HttpStatusCode.OK, new { items = priced, total = items.Sum(item => item.Quantity * UnitPrice) });
    }

    private static HttpResponseMessage AnswerAsCatalogWould(HttpRequestMessage request, string body)
    {
        if (request.Method == HttpMethod.Put)
        {
            var sku = Uri.UnescapeDataString(request.RequestUri!.AbsolutePath["/api/products/".Length..]);
            var product = JsonDocument.Parse(body).RootElement;
            var onHand = product.GetProperty("onHand").GetInt32();
            return Json(HttpStatusCode.OK, new
            {
                sku, name = product.GetProperty("name").GetString(), unitPrice = product.GetProperty("unitPrice").GetDecimal(),
                onHand, reserved = 0, available = onHand,
            });
        }

        return Json(HttpStatusCode.OK, new[]
        {
            new { sku = "mug", name = "Mug", unitPrice = 8.50m, onHand = 20, reserved = 2, available = 18 },
            new { sku = "tee", name = "Tee", unitPrice = 19.00m, onHand = 5, reserved = 0, available = 5 },
        });
    }

    private static HttpResponseMessage AnswerAsAccountsWould(HttpRequestMessage request, string body)
    {
        var customerId = Uri.UnescapeDataString(request.RequestUri!.AbsolutePath["/api/accounts/".Length..]);
        if (customerId.StartsWith("down-", StringComparison.Ordinal))
        {
            throw new HttpRequestException("Connection refused (stub)");
        }

        if (request.Method == HttpMethod.Put)
        {
            return Json(HttpStatusCode.OK, new { customerId, balance = JsonDocument.Parse(body).RootElement.GetProperty("balance").GetDecimal() });
        }

        return customerId.StartsWith("unknown-", StringComparison.Ordinal)
            ? Json(HttpStatusCode.NotFound, new { title = "Account not found", status = 404 })
            : Json(HttpStatusCode.OK, new { customerId, balance = 42.00m });
    }

    private static HttpResponseMessage Json(HttpStatusCode status, object body) =>
        new(status) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };
}
