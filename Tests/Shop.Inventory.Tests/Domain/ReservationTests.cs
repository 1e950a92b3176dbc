using Shop.Inventory.Domain;

namespace Shop.Inventory.Tests.Domain;

public sealed class ReservationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid OrderId = Guid.CreateVersion7();

    [Fact]
    public void Hold_reserves_every_line_and_expires_after_the_hold_duration()
    {
        var products = Products(("a", 5), ("b", 5));

        var reservation = Reservation.Hold(OrderId, Quantities(("a", 2), ("b", 5)), products, Now, TimeSpan.FromMinutes(10));

        reservation.Status.Should().Be(ReservationStatus.Held);
        reservation.ExpiresAt.Should().Be(Now.AddMinutes(10));
        reservation.Lines.Select(l => (l.Sku, l.Quantity)).Should().Equal(("a", 2), ("b", 5));
        products["a"].Reserved.Should().Be(2);
        products["b"].Available.Should().Be(0);
    }

    [Fact]
    public void Hold_is_all_or_nothing()
    {
        var products = Products(("a", 5), ("b", 1));

        var hold = () => Reservation.Hold(OrderId, Quantities(("a", 2), ("b", 2)), products, Now, TimeSpan.FromMinutes(10));

        hold.Should().Throw<InventoryDomainException>().WithMessage("*'b'*");
        products.Values.Should().OnlyContain(p => p.Reserved == 0);
    }

    [Fact]
    public void Hold_refuses_an_unknown_product()
    {
        var products = Products(("a", 5));

        var hold = () => Reservation.Hold(OrderId, Quantities(("a", 1), ("zz", 1)), products, Now, TimeSpan.FromMinutes(10));

        hold.Should().Throw<InventoryDomainException>().WithMessage("*Unknown SKU 'zz'*");
        products["a"].Reserved.Should().Be(0);
    }

    [Fact]
    public void Release_gives_every_line_back_once()
    {
        var products = Products(("a", 5), ("b", 5));
        var reservation = Reservation.Hold(OrderId, Quantities(("a", 2), ("b", 3)), products, Now, TimeSpan.FromMinutes(10));

        reservation.Release(products, Now.AddMinutes(1));

        reservation.Status.Should().Be(ReservationStatus.Released);
        products.Values.Should().OnlyContain(p => p.Reserved == 0 && p.OnHand == 5);
        reservation.Invoking(r => r.Release(products, Now)).Should().Throw<InventoryDomainException>();
        reservation.Invoking(r => r.Commit(products, Now)).Should().Throw<InventoryDomainException>();
        products.Values.Should().OnlyContain(p => p.Reserved == 0 && p.OnHand == 5);
    }

    [Fact]
    public void Commit_sells_every_line_once()
    {
        var products = Products(("a", 5), ("b", 5));
        var reservation = Reservation.Hold(OrderId, Quantities(("a", 2), ("b", 3)), products, Now, TimeSpan.FromMinutes(10));

        reservation.Commit(products, Now.AddMinutes(1));

        reservation.Status.Should().Be(ReservationStatus.Committed);
        products["a"].OnHand.Should().Be(3);
        products["b"].OnHand.Should().Be(2);
        products.Values.Should().OnlyContain(p => p.Reserved == 0);
        reservation.Invoking(r => r.Commit(products, Now)).Should().Throw<InventoryDomainException>();
        reservation.Invoking(r => r.Release(products, Now)).Should().Throw<InventoryDomainException>();
        products["a"].OnHand.Should().Be(3);
    }

    [Fact]
    public void A_tombstone_holds_nothing_and_cannot_be_committed()
    {
        var tombstone = Reservation.Tombstone(OrderId, Now);

        tombstone.Status.Should().Be(ReservationStatus.Released);
        tombstone.Lines.Should().BeEmpty();
        tombstone.IsExpired(Now.AddYears(1)).Should().BeFalse();
        tombstone.Invoking(r => r.Commit(Products(), Now)).Should().Throw<InventoryDomainException>();
    }

    [Fact]
    public void Only_a_hold_past_its_expiry_is_expired()
    {
        var products = Products(("a", 5));
        var reservation = Reservation.Hold(OrderId, Quantities(("a", 1)), products, Now, TimeSpan.FromMinutes(10));

        reservation.IsExpired(Now.AddMinutes(9)).Should().BeFalse();
        reservation.IsExpired(Now.AddMinutes(10)).Should().BeTrue();
    }

    private static Dictionary<string, Product> Products(params (string Sku, int OnHand)[] products) =>
        products.ToDictionary(p => p.Sku, p => new Product(p.Sku, "Product " + p.Sku, 1m, p.OnHand, Now), StringComparer.Ordinal);

    private static Dictionary<string, int> Quantities(params (string Sku, int Quantity)[] lines) =>
        lines.ToDictionary(l => l.Sku, l => l.Quantity, StringComparer.Ordinal);
}
