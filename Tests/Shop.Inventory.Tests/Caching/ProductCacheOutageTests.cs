using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Shop.Contracts;
using Shop.Contracts.Inventory;
using Shop.Inventory.Caching;
using Shop.Inventory.Data;
using Shop.Inventory.Tests.Support;
using Shop.Messaging.Extensions;
using Shop.Testing;
using StackExchange.Redis;

namespace Shop.Inventory.Tests.Caching;

/// <summary>The product cache when its redis-server (one of the test's own) is killed in the middle and comes back.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class ProductCacheOutageTests(InfrastructureFixture infrastructure)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly string _sku = $"outage-{Guid.NewGuid():N}"[..15];

    [Fact]
    public async Task Redis_killed_mid_test_sends_reads_to_the_database_and_caching_resumes_once_it_is_back()
    {
        await using var redis = await RedisServerProcess.StartNewAsync();
        await using var app = new InventoryApp(infrastructure, new Dictionary<string, string> { ["ConnectionStrings:cache"] = redis.ConnectionString });
        await app.StartAsync();
        using var client = app.CreateClient();
        var cache = app.Services.GetRequiredService<ProductCache>();
        using var pending = new CounterListener("shop.product_cache.invalidations", ("outcome", "pending"));
        await PutAsync(client, onHand: 5);
        await GetAsync(client);
        await SetOnHandBehindTheCacheAsync(app, 6);
        (await GetAsync(client)).GetProperty("onHand").GetInt32().Should().Be(5, "Redis is there: the second read is a hit");

        await redis.KillAsync();
        await Wait.UntilAsync(async () => await RedisStatusAsync(client) == "Degraded", Deadline, "/health reports Redis as degraded");
        var clock = Stopwatch.StartNew();
        var whileDown = await GetAsync(client);
        await app.Services.HandleAsync(new ReserveStock(Guid.NewGuid(), [new OrderLine(_sku, 2)]));
        var reservedWhileDown = await GetAsync(client);
        var downTime = clock.Elapsed;

        whileDown.GetProperty("onHand").GetInt32().Should().Be(6, "without Redis a read goes to the database");
        Stock(reservedWhileDown).Should().Be((6, 2, 4), "a change committed while Redis is away is read at once");
        pending.Total.Should().Be(1, "the reservation's invalidation could not reach Redis and waits for a retry");
        // ProductCache:Timeout is 1 s; failing fast while disconnected makes a read cost no wait at all.
        downTime.Should().BeLessThan(TimeSpan.FromSeconds(5));

        await redis.StartAsync();
        await Wait.UntilAsync(async () => await RedisStatusAsync(client) == "Healthy", Deadline, "/health reports Redis as healthy again");
        await Wait.UntilAsync(() => !cache.HasPendingInvalidations, Deadline, "the background retry takes the pending invalidation");
        Stock(await GetAsync(client)).Should().Be((6, 2, 4));
        await SetOnHandBehindTheCacheAsync(app, 7);
        (await GetAsync(client)).GetProperty("onHand").GetInt32().Should().Be(6, "the cache fills and hits again once Redis is back");
    }

    [Fact]
    public async Task An_invalidation_missed_while_redis_was_down_is_retried_before_its_stale_entry_is_read()
    {
        // Persistent: this Redis comes back with the entry it held when it was killed, which the write in between made
        // stale. The background retry is left out, so the test can look at Redis before the retry and run it itself.
        await using var redis = await RedisServerProcess.StartNewAsync(persistent: true);
        await using var app = new InventoryApp(
            infrastructure,
            new Dictionary<string, string> { ["ConnectionStrings:cache"] = redis.ConnectionString },
            services => services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(ProductCacheRetrier))));
        await app.StartAsync();
        using var client = app.CreateClient();
        var cache = app.Services.GetRequiredService<ProductCache>();
        var key = $"inventory:product:{{{_sku}}}";
        await PutAsync(client, onHand: 10);
        await GetAsync(client);
        ((string?)await Redis(app).StringGetAsync(key)).Should().Contain("\"onHand\":10");

        await redis.KillAsync();
        await Wait.UntilAsync(async () => await RedisStatusAsync(client) == "Degraded", Deadline, "/health reports Redis as degraded");
        await PutAsync(client, onHand: 20);
        await redis.StartAsync();
        await Wait.UntilAsync(async () => await RedisStatusAsync(client) == "Healthy", Deadline, "/health reports Redis as healthy again");
        var staleInRedis = (string?)await Redis(app).StringGetAsync(key);
        var beforeRetry = await GetAsync(client);
        var retried = await cache.RetryPendingAsync(CancellationToken.None);
        var afterRetry = await GetAsync(client);

        staleInRedis.Should().Contain("\"onHand\":10", "Redis came back with the entry the write made stale");
        beforeRetry.GetProperty("onHand").GetInt32().Should().Be(20, "a product whose invalidation is pending is read from the database");
        retried.Should().BeTrue();
        cache.HasPendingInvalidations.Should().BeFalse();
        afterRetry.GetProperty("onHand").GetInt32().Should().Be(20, "the retried invalidation removed the stale entry");
        ((string?)await Redis(app).StringGetAsync(key)).Should().Contain("\"onHand\":20", "the read after the retry filled the cache anew");
    }

    private static async Task<string?> RedisStatusAsync(HttpClient client)
    {
        var report = await client.GetFromJsonAsync<JsonElement>("/health");
        return report.GetProperty("entries").GetProperty(RedisExtensions.HealthCheckName).GetProperty("status").GetString();
    }

    private static IDatabase Redis(InventoryApp app) => app.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();

    private static (int OnHand, int Reserved, int Available) Stock(JsonElement product) =>
        (product.GetProperty("onHand").GetInt32(), product.GetProperty("reserved").GetInt32(), product.GetProperty("available").GetInt32());

    private async Task PutAsync(HttpClient client, int onHand) =>
        (await client.PutAsJsonAsync($"/api/products/{_sku}", new { name = "Widget", unitPrice = 2.50m, onHand })).EnsureSuccessStatusCode();

    private Task<JsonElement> GetAsync(HttpClient client) => client.GetFromJsonAsync<JsonElement>($"/api/products/{_sku}");

    private async Task SetOnHandBehindTheCacheAsync(InventoryApp app, int onHand)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InventoryDbContext>();
        await db.Database.ExecuteSqlAsync($"UPDATE inventory.products SET on_hand = {onHand} WHERE sku = {_sku}");
    }
}
