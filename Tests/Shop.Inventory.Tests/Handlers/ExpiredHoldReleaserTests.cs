using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Shop.Contracts;
using Shop.Contracts.Inventory;
using Shop.Inventory.Data;
using Shop.Inventory.Domain;
using Shop.Inventory.Expiry;
using Shop.Inventory.Extensions;
using Shop.Inventory.Tests.Support;
using Shop.Messaging.Persistence;
using Shop.Testing;

namespace Shop.Inventory.Tests.Handlers;

[Collection(InfrastructureCollection.Name)]
public sealed class ExpiredHoldReleaserTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private static readonly TimeSpan Hold = TimeSpan.FromMinutes(10);
    // Its own clock, so moving it does not expire the holds of the other test classes' providers.
    private readonly ManualClock _clock = new(infrastructure.Clock.GetUtcNow());
    private readonly string _sku = $"ex-{Guid.NewGuid():N}"[..12];
    private ServiceProvider _services = null!;

    [Fact]
    public async Task Expired_holds_are_released_and_announced_and_fresh_ones_kept()
    {
        var expiring = await ReserveAsync(2);
        _clock.Advance(TimeSpan.FromMinutes(5));
        var fresh = await ReserveAsync(3);
        _clock.Advance(TimeSpan.FromMinutes(6));

        await ReleaseUntilNoneLeftAsync();

        (await _services.ReservationAsync(expiring))!.Status.Should().Be(ReservationStatus.Released);
        (await _services.ReservationAsync(fresh))!.Status.Should().Be(ReservationStatus.Held);
        (await _services.ProductAsync(_sku)).Reserved.Should().Be(3);
        (await _services.OutboxAsync(expiring)).Select(m => m.Type).Should().Equal(
            "inventory.stock-reserved.v1", "inventory.stock-released.v1");
        (await _services.OutboxAsync(fresh)).Select(m => m.Type).Should().Equal("inventory.stock-reserved.v1");
    }

    [Fact]
    public async Task A_hold_locked_by_a_handler_is_skipped_and_then_left_to_that_handler()
    {
        var orderId = await ReserveAsync(2);
        _clock.Advance(Hold + TimeSpan.FromSeconds(1));

        // A CommitStock in flight: it holds the reservation's row lock until it commits.
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<InventoryDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.LockReservationAsync(orderId, CancellationToken.None);

            await ReleaseUntilNoneLeftAsync().WaitAsync(TimeSpan.FromSeconds(10));
            (await _services.ReservationAsync(orderId))!.Status.Should().Be(ReservationStatus.Held);

            await transaction.RollbackAsync();
        }

        await _services.HandleAsync(new CommitStock(orderId));
        await ReleaseUntilNoneLeftAsync();

        (await _services.ReservationAsync(orderId))!.Status.Should().Be(ReservationStatus.Committed);
        var product = await _services.ProductAsync(_sku);
        (product.OnHand, product.Reserved).Should().Be((98, 0));
    }

    [Fact]
    public async Task Batches_release_everything_expired()
    {
        await _services.DisposeAsync();
        _services = infrastructure.CreateServices(o => o.HoldSweepBatchSize = 2, _clock);
        var orders = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            orders.Add(await ReserveAsync(1));
        }

        _clock.Advance(Hold);
        await ReleaseUntilNoneLeftAsync();

        foreach (var orderId in orders)
        {
            (await _services.ReservationAsync(orderId))!.Status.Should().Be(ReservationStatus.Released);
        }

        (await _services.ProductAsync(_sku)).Reserved.Should().Be(0);
    }

    [Fact]
    public async Task The_sweeper_releases_expired_holds_on_its_own_once_the_database_is_ready()
    {
        var orderId = await ReserveAsync(2);
        _clock.Advance(Hold);
        var readiness = new DatabaseReadiness<InventoryDbContext>();
        using var sweeper = new HoldExpirySweeper(
            _services.GetRequiredService<IServiceScopeFactory>(),
            readiness,
            _clock,
            Options.Create(new InventoryOptions { HoldSweepInterval = TimeSpan.FromMilliseconds(50) }),
            NullLogger<HoldExpirySweeper>.Instance);

        await sweeper.StartAsync(CancellationToken.None);
        try
        {
            // A "not yet" can only be seen over time: six sweep intervals in which it must not run.
            await Task.Delay(TimeSpan.FromMilliseconds(300));
            (await _services.ReservationAsync(orderId))!.Status.Should().Be(ReservationStatus.Held, "the database is not migrated yet");
            readiness.MarkReady();

            await Wait.UntilAsync(
                async () => (await _services.ReservationAsync(orderId))!.Status == ReservationStatus.Released,
                TimeSpan.FromSeconds(10), "the sweeper to release the expired hold");
        }
        finally
        {
            await sweeper.StopAsync(CancellationToken.None);
        }

        (await _services.OutboxAsync(orderId)).Select(m => m.Type).Should().Equal(
            "inventory.stock-reserved.v1", "inventory.stock-released.v1");
    }

    public async Task InitializeAsync()
    {
        _services = infrastructure.CreateServices(o => o.HoldDuration = Hold, _clock);
        await infrastructure.SeedAsync(_services, (_sku, 100));
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private async Task<Guid> ReserveAsync(int quantity)
    {
        var orderId = Guid.CreateVersion7();
        await _services.HandleAsync(new ReserveStock(orderId, [new OrderLine(_sku, quantity)]));
        return orderId;
    }

    private async Task ReleaseUntilNoneLeftAsync()
    {
        for (var batches = 0; batches < 100; batches++)
        {
            await using var scope = _services.CreateAsyncScope();
            var releaser = scope.ServiceProvider.GetRequiredService<ExpiredHoldReleaser>();
            var released = await releaser.ReleaseBatchAsync(CancellationToken.None);
            var batchSize = scope.ServiceProvider.GetRequiredService<IOptions<InventoryOptions>>().Value.HoldSweepBatchSize;
            if (released < batchSize)
            {
                return;
            }
        }

        throw new InvalidOperationException("the releaser never ran out of expired holds");
    }
}
