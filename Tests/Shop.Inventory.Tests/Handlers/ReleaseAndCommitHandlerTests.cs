using Microsoft.Extensions.DependencyInjection;
using Shop.Contracts;
using Shop.Contracts.Inventory;
using Shop.Inventory.Domain;
using Shop.Inventory.Tests.Support;

namespace Shop.Inventory.Tests.Handlers;

[Collection(InfrastructureCollection.Name)]
public sealed class ReleaseAndCommitHandlerTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private const string Reserved = "inventory.stock-reserved.v1";
    private const string ReservationFailed = "inventory.stock-reservation-failed.v1";
    private const string Released = "inventory.stock-released.v1";
    private const string Committed = "inventory.stock-committed.v1";
    private const string CommitFailed = "inventory.stock-commit-failed.v1";

    private readonly ServiceProvider _services = infrastructure.CreateServices();
    private readonly string _sku = $"rc-{Guid.NewGuid():N}"[..12];

    [Fact]
    public async Task Release_gives_a_hold_back_once_however_often_it_is_asked()
    {
        var orderId = await ReservedOrderAsync(3);

        await _services.HandleAsync(new ReleaseStock(orderId));
        await _services.HandleAsync(new ReleaseStock(orderId));

        var product = await _services.ProductAsync(_sku);
        (product.OnHand, product.Reserved).Should().Be((10, 0));
        (await _services.ReservationAsync(orderId))!.Status.Should().Be(ReservationStatus.Released);
        (await Types(orderId)).Should().Equal(Reserved, Released, Released);
    }

    [Fact]
    public async Task Release_before_any_reservation_leaves_a_tombstone_that_a_late_reserve_cannot_hold_past()
    {
        await infrastructure.SeedAsync(_services, (_sku, 10));
        var orderId = Guid.CreateVersion7();

        await _services.HandleAsync(new ReleaseStock(orderId));
        await _services.HandleAsync(new ReserveStock(orderId, [new OrderLine(_sku, 1)]));

        (await _services.ProductAsync(_sku)).Reserved.Should().Be(0);
        var reservation = await _services.ReservationAsync(orderId);
        reservation!.Status.Should().Be(ReservationStatus.Released);
        reservation.Lines.Should().BeEmpty();
        (await Types(orderId)).Should().Equal(Released, ReservationFailed);
    }

    [Fact]
    public async Task Commit_sells_a_hold_once_however_often_it_is_asked()
    {
        var orderId = await ReservedOrderAsync(4);

        await _services.HandleAsync(new CommitStock(orderId));
        await _services.HandleAsync(new CommitStock(orderId));

        var product = await _services.ProductAsync(_sku);
        (product.OnHand, product.Reserved).Should().Be((6, 0));
        (await _services.ReservationAsync(orderId))!.Status.Should().Be(ReservationStatus.Committed);
        (await Types(orderId)).Should().Equal(Reserved, Committed, Committed);
    }

    [Fact]
    public async Task Release_of_a_committed_order_cannot_unsell_and_answers_nothing()
    {
        var orderId = await ReservedOrderAsync(4);
        await _services.HandleAsync(new CommitStock(orderId));

        await _services.HandleAsync(new ReleaseStock(orderId));

        var product = await _services.ProductAsync(_sku);
        (product.OnHand, product.Reserved).Should().Be((6, 0));
        (await _services.ReservationAsync(orderId))!.Status.Should().Be(ReservationStatus.Committed);
        (await Types(orderId)).Should().Equal(Reserved, Committed);
    }

    [Fact]
    public async Task Commit_of_a_released_or_unknown_order_fails_and_sells_nothing()
    {
        var released = await ReservedOrderAsync(2);
        await _services.HandleAsync(new ReleaseStock(released));
        var unknown = Guid.CreateVersion7();

        await _services.HandleAsync(new CommitStock(released));
        await _services.HandleAsync(new CommitStock(unknown));

        var product = await _services.ProductAsync(_sku);
        (product.OnHand, product.Reserved).Should().Be((10, 0));
        (await Types(released)).Should().Equal(Reserved, Released, CommitFailed);
        (await Types(unknown)).Should().Equal(CommitFailed);
        (await _services.ReservationAsync(unknown)).Should().BeNull();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private async Task<Guid> ReservedOrderAsync(int quantity)
    {
        await infrastructure.SeedAsync(_services, (_sku, 10));
        var orderId = Guid.CreateVersion7();
        await _services.HandleAsync(new ReserveStock(orderId, [new OrderLine(_sku, quantity)]));
        (await _services.ProductAsync(_sku)).Reserved.Should().Be(quantity);
        return orderId;
    }

    private async Task<List<string>> Types(Guid orderId) =>
        [.. (await _services.OutboxAsync(orderId)).Select(m => m.Type)];
}
