using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Shop.Inventory.Extensions;
using Shop.Contracts;
using Shop.Contracts.Inventory;
using Shop.Inventory.Domain;
using Shop.Inventory.Tests.Support;

namespace Shop.Inventory.Tests.Handlers;

[Collection(InfrastructureCollection.Name)]
public sealed class ReserveStockHandlerTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private readonly ServiceProvider _services = infrastructure.CreateServices();
    private readonly string _prefix = $"rs-{Guid.NewGuid():N}"[..12];

    [Fact]
    public async Task Twenty_concurrent_orders_for_ten_units_reserve_exactly_ten_and_never_oversell()
    {
        // Arrange
        var sku = _prefix + "-hot";
        await infrastructure.SeedAsync(_services, (sku, 10));
        var orders = Enumerable.Range(0, 20).Select(_ => Guid.CreateVersion7()).ToList();

        // Act: each order in its own scope and transaction, all at once, as replicas would.
        using var start = new ManualResetEventSlim();
        var handling = orders.Select(orderId => Task.Run(async () =>
        {
            start.Wait();
            await _services.HandleAsync(new ReserveStock(orderId, [new OrderLine(sku, 1)]));
        })).ToList();
        start.Set();
        await Task.WhenAll(handling).WaitAsync(TimeSpan.FromSeconds(15));

        // Assert
        var product = await _services.ProductAsync(sku);
        product.OnHand.Should().Be(10);
        product.Reserved.Should().Be(10);
        var outcomes = new List<string>();
        foreach (var orderId in orders)
        {
            outcomes.Add((await _services.OutboxAsync(orderId)).Should().ContainSingle().Which.Type);
        }

        outcomes.Count(t => t == "inventory.stock-reserved.v1").Should().Be(10);
        outcomes.Count(t => t == "inventory.stock-reservation-failed.v1").Should().Be(10);
    }

    [Fact]
    public async Task A_reservation_holds_every_line_with_repeated_skus_summed()
    {
        var (a, b) = (_prefix + "-a", _prefix + "-b");
        await infrastructure.SeedAsync(_services, (a, 5), (b, 5));
        var orderId = Guid.CreateVersion7();

        await _services.HandleAsync(new ReserveStock(orderId, [new OrderLine(a, 2), new OrderLine(b, 1), new OrderLine(a, 3)]));

        (await _services.ProductAsync(a)).Reserved.Should().Be(5);
        (await _services.ProductAsync(b)).Reserved.Should().Be(1);
        var reservation = await _services.ReservationAsync(orderId);
        reservation!.Status.Should().Be(ReservationStatus.Held);
        // PostgreSQL keeps microseconds.
        reservation.ExpiresAt.Should().BeCloseTo(infrastructure.Clock.GetUtcNow() + new InventoryOptions().HoldDuration, TimeSpan.FromMilliseconds(1));
        reservation.Lines.Select(l => (l.Sku, l.Quantity)).Should().BeEquivalentTo([(a, 5), (b, 1)]);
        (await _services.OutboxAsync(orderId)).Select(m => m.Type).Should().Equal("inventory.stock-reserved.v1");
    }

    [Fact]
    public async Task A_short_line_holds_nothing_and_names_the_short_skus()
    {
        var (a, b) = (_prefix + "-a", _prefix + "-b");
        await infrastructure.SeedAsync(_services, (a, 5), (b, 1));
        var orderId = Guid.CreateVersion7();

        await _services.HandleAsync(new ReserveStock(orderId, [new OrderLine(a, 2), new OrderLine(b, 2)]));

        (await _services.ProductAsync(a)).Reserved.Should().Be(0);
        (await _services.ProductAsync(b)).Reserved.Should().Be(0);
        var failed = Single<StockReservationFailed>(await _services.OutboxAsync(orderId), "inventory.stock-reservation-failed.v1");
        failed.Reason.Should().Be(StockFailureReasons.OutOfStock);
        failed.Skus.Should().Equal(b);
    }

    [Fact]
    public async Task An_unknown_sku_holds_nothing_and_is_named()
    {
        var a = _prefix + "-a";
        await infrastructure.SeedAsync(_services, (a, 5));
        var orderId = Guid.CreateVersion7();

        await _services.HandleAsync(new ReserveStock(orderId, [new OrderLine(a, 1), new OrderLine(_prefix + "-nope", 1)]));

        (await _services.ProductAsync(a)).Reserved.Should().Be(0);
        var failed = Single<StockReservationFailed>(await _services.OutboxAsync(orderId), "inventory.stock-reservation-failed.v1");
        failed.Reason.Should().Be(StockFailureReasons.UnknownSku);
        failed.Skus.Should().Equal(_prefix + "-nope");
    }

    [Fact]
    public async Task The_same_order_again_republishes_its_outcome_and_changes_nothing()
    {
        var a = _prefix + "-a";
        await infrastructure.SeedAsync(_services, (a, 5));
        var orderId = Guid.CreateVersion7();
        var message = new ReserveStock(orderId, [new OrderLine(a, 2)]);

        await _services.HandleAsync(message);
        await _services.HandleAsync(message with { Lines = [new OrderLine(a, 3)] });

        (await _services.ProductAsync(a)).Reserved.Should().Be(2);
        (await _services.ReservationAsync(orderId))!.Lines.Should().ContainSingle().Which.Quantity.Should().Be(2);
        (await _services.OutboxAsync(orderId)).Select(m => m.Type)
            .Should().Equal("inventory.stock-reserved.v1", "inventory.stock-reserved.v1");
    }

    [Fact]
    public async Task A_failed_order_asked_again_holds_nothing_even_after_a_restock()
    {
        var a = _prefix + "-a";
        await infrastructure.SeedAsync(_services, (a, 1));
        var orderId = Guid.CreateVersion7();
        await _services.HandleAsync(new ReserveStock(orderId, [new OrderLine(a, 2)]));
        await _services.RestockAsync(a, onHand: 5);

        await _services.HandleAsync(new ReserveStock(orderId, [new OrderLine(a, 2)]));

        (await _services.ProductAsync(a)).Reserved.Should().Be(0);
        (await _services.ReservationAsync(orderId))!.Status.Should().Be(ReservationStatus.Released);
        var outbox = await _services.OutboxAsync(orderId);
        outbox.Select(m => m.Type).Should().Equal("inventory.stock-reservation-failed.v1", "inventory.stock-reservation-failed.v1");
        JsonSerializer.Deserialize<StockReservationFailed>(outbox[1].Payload, JsonSerializerOptions.Web)!.Reason
            .Should().Be(StockFailureReasons.Released);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private static T Single<T>(List<(string Type, string Payload)> outbox, string type)
    {
        var message = outbox.Should().ContainSingle().Which;
        message.Type.Should().Be(type);
        return JsonSerializer.Deserialize<T>(message.Payload, JsonSerializerOptions.Web)!;
    }
}
