using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Contracts;
using Shop.Contracts.Inventory;
using Shop.Inventory.Apis;
using Shop.Inventory.Caching;
using Shop.Inventory.Data;
using Shop.Inventory.Expiry;
using Shop.Inventory.Tests.Support;
using Shop.Messaging.Extensions;
using StackExchange.Redis;

namespace Shop.Inventory.Tests.Caching;

/// <summary>The product cache in the running inventory service, against real PostgreSQL and redis-server.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class ProductCacheTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private readonly string _sku = $"cache-{Guid.NewGuid():N}"[..14];
    private InventoryApp _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _app = await infrastructure.AppAsync();
        _client = _app.CreateClient();
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_miss_fills_the_cache_and_the_next_read_is_a_hit()
    {
        using var hits = new CounterListener("shop.product_cache.hits");
        using var misses = new CounterListener("shop.product_cache.misses");
        await PutAsync(onHand: 5);

        var first = await GetAsync();
        var missesAfterFirst = misses.Total;
        // Changed behind the service's back (no SaveChanges, so no invalidation): only a cache hit still says 5.
        await SetOnHandBehindTheCacheAsync(99);
        var second = await GetAsync();

        first.GetProperty("onHand").GetInt32().Should().Be(5);
        missesAfterFirst.Should().BeGreaterThanOrEqualTo(1);
        second.GetProperty("onHand").GetInt32().Should().Be(5, "the second read is answered from Redis");
        hits.Total.Should().BeGreaterThanOrEqualTo(1);
        ((string?)await Redis().StringGetAsync($"inventory:product:{{{_sku}}}")).Should().Contain("\"onHand\":5");
    }

    [Fact]
    public async Task Every_stock_change_is_visible_at_once()
    {
        await PutAsync(onHand: 10);
        (await GetAsync()).GetProperty("available").GetInt32().Should().Be(10);
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());

        await _app.Services.HandleAsync(new ReserveStock(first, [new OrderLine(_sku, 3)]));
        var reserved = await GetAsync();
        await _app.Services.HandleAsync(new CommitStock(first));
        var committed = await GetAsync();
        await _app.Services.HandleAsync(new ReserveStock(second, [new OrderLine(_sku, 2)]));
        var reservedAgain = await GetAsync();
        await _app.Services.HandleAsync(new ReleaseStock(second));
        var released = await GetAsync();
        await PutAsync(onHand: 20);
        var restocked = await GetAsync();

        Stock(reserved).Should().Be((10, 3, 7));
        Stock(committed).Should().Be((7, 0, 7));
        Stock(reservedAgain).Should().Be((7, 2, 5));
        Stock(released).Should().Be((7, 0, 7));
        Stock(restocked).Should().Be((20, 0, 20));
    }

    [Fact]
    public async Task A_hold_released_by_expiry_is_visible_at_once()
    {
        await PutAsync(onHand: 8);
        var order = Guid.NewGuid();
        await _app.Services.HandleAsync(new ReserveStock(order, [new OrderLine(_sku, 5)]));
        Stock(await GetAsync()).Should().Be((8, 5, 3));

        // Backdated behind the cache (reservations are not cached), then released as the sweeper does.
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<InventoryDbContext>();
            await db.Database.ExecuteSqlAsync($"UPDATE inventory.reservations SET expires_at = now() - interval '1 minute' WHERE order_id = {order}");
            await scope.ServiceProvider.GetRequiredService<ExpiredHoldReleaser>().ReleaseBatchAsync(CancellationToken.None);
        }

        Stock(await GetAsync()).Should().Be((8, 0, 8));
    }

    [Fact]
    public async Task A_reader_that_read_the_database_before_a_commit_cannot_cache_the_old_value()
    {
        await PutAsync(onHand: 10);
        var cache = _app.Services.GetRequiredService<ProductCache>();
        var stale = new ProductResponse(_sku, "Widget", 2.50m, 10, 0, 10);

        // The reader misses, reads the old row; a stock change commits and invalidates; then the reader fills.
        var raced = await cache.GetAsync(_sku, async token =>
        {
            await cache.InvalidateAsync([_sku], token);
            return stale;
        }, CancellationToken.None);
        var loadedAgain = false;
        var next = await cache.GetAsync(_sku, _ =>
        {
            loadedAgain = true;
            return Task.FromResult<ProductResponse?>(stale with { Reserved = 4, Available = 6 });
        }, CancellationToken.None);

        raced.Should().Be(stale, "the racing reader itself answers with what it read");
        loadedAgain.Should().BeTrue("the racing reader's fill was refused, so the next read misses");
        next!.Available.Should().Be(6);
    }

    [Fact]
    public async Task An_unknown_product_is_not_cached()
    {
        var missing = await _client.GetAsync($"/api/products/{_sku}");
        await PutAsync(onHand: 1);
        var created = await GetAsync();

        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        created.GetProperty("onHand").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task Without_redis_reads_and_writes_stay_correct()
    {
        await using var app = new InventoryApp(infrastructure, new Dictionary<string, string> { ["ConnectionStrings:cache"] = "127.0.0.1:1" });
        await app.StartAsync();
        using var client = app.CreateClient();

        (await client.PutAsJsonAsync($"/api/products/{_sku}", new { name = "Widget", unitPrice = 2.50m, onHand = 4 })).EnsureSuccessStatusCode();
        var first = await client.GetFromJsonAsync<JsonElement>($"/api/products/{_sku}");
        await app.Services.HandleAsync(new ReserveStock(Guid.NewGuid(), [new OrderLine(_sku, 1)]));
        var afterReserve = await client.GetFromJsonAsync<JsonElement>($"/api/products/{_sku}");
        var health = await client.GetFromJsonAsync<JsonElement>("/health");

        Stock(first).Should().Be((4, 0, 4));
        Stock(afterReserve).Should().Be((4, 1, 3));
        health.GetProperty("status").GetString().Should().Be("Degraded");
        health.GetProperty("entries").GetProperty(RedisExtensions.HealthCheckName).GetProperty("description").GetString()
            .Should().Contain("127.0.0.1:1").And.Contain("the cache is bypassed");
    }

    private static (int OnHand, int Reserved, int Available) Stock(JsonElement product) =>
        (product.GetProperty("onHand").GetInt32(), product.GetProperty("reserved").GetInt32(), product.GetProperty("available").GetInt32());

    private async Task PutAsync(int onHand) =>
        (await _client.PutAsJsonAsync($"/api/products/{_sku}", new { name = "Widget", unitPrice = 2.50m, onHand })).EnsureSuccessStatusCode();

    private Task<JsonElement> GetAsync() => _client.GetFromJsonAsync<JsonElement>($"/api/products/{_sku}");

    private IDatabase Redis() => _app.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();

    private async Task SetOnHandBehindTheCacheAsync(int onHand)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InventoryDbContext>();
        await db.Database.ExecuteSqlAsync($"UPDATE inventory.products SET on_hand = {onHand} WHERE sku = {_sku}");
    }
}
