using Shop.Inventory.Domain;

namespace Shop.Inventory.Tests.Domain;

public sealed class ProductTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Reserve_holds_stock_without_touching_on_hand()
    {
        var product = new Product("sku-1", "Widget", 2.50m, onHand: 10, Now);

        product.Reserve(4, Now.AddMinutes(1));

        product.OnHand.Should().Be(10);
        product.Reserved.Should().Be(4);
        product.Available.Should().Be(6);
        product.UpdatedAt.Should().Be(Now.AddMinutes(1));
    }

    [Fact]
    public void Reserve_refuses_more_than_is_available_and_changes_nothing()
    {
        var product = new Product("sku-1", "Widget", 2.50m, onHand: 5, Now);
        product.Reserve(3, Now);

        var reserve = () => product.Reserve(3, Now);

        reserve.Should().Throw<InventoryDomainException>().WithMessage("*only 2 available*");
        product.Reserved.Should().Be(3);
        product.Available.Should().Be(2);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Quantities_must_be_positive(int quantity)
    {
        var product = new Product("sku-1", "Widget", 1m, onHand: 5, Now);
        product.Reserve(2, Now);

        product.Invoking(p => p.Reserve(quantity, Now)).Should().Throw<ArgumentOutOfRangeException>();
        product.Invoking(p => p.Release(quantity, Now)).Should().Throw<ArgumentOutOfRangeException>();
        product.Invoking(p => p.Commit(quantity, Now)).Should().Throw<ArgumentOutOfRangeException>();
        product.Reserved.Should().Be(2);
        product.OnHand.Should().Be(5);
    }

    [Fact]
    public void Release_gives_back_at_most_what_is_reserved()
    {
        var product = new Product("sku-1", "Widget", 1m, onHand: 5, Now);
        product.Reserve(2, Now);

        product.Invoking(p => p.Release(3, Now)).Should().Throw<InventoryDomainException>();
        product.Release(2, Now);

        product.Reserved.Should().Be(0);
        product.Available.Should().Be(5);
    }

    [Fact]
    public void Commit_lowers_on_hand_and_reserved_together()
    {
        var product = new Product("sku-1", "Widget", 1m, onHand: 5, Now);
        product.Reserve(3, Now);

        product.Commit(3, Now);

        product.OnHand.Should().Be(2);
        product.Reserved.Should().Be(0);
        product.Available.Should().Be(2);
    }

    [Fact]
    public void Commit_cannot_sell_what_is_not_reserved()
    {
        var product = new Product("sku-1", "Widget", 1m, onHand: 5, Now);
        product.Reserve(1, Now);

        product.Invoking(p => p.Commit(2, Now)).Should().Throw<InventoryDomainException>();

        product.OnHand.Should().Be(5);
        product.Reserved.Should().Be(1);
    }

    [Fact]
    public void Replace_sets_name_price_and_stock_but_keeps_holds()
    {
        var product = new Product("sku-1", "Widget", 1m, onHand: 5, Now);
        product.Reserve(2, Now);

        product.Replace("Gadget", 3.25m, onHand: 2, Now.AddHours(1));

        product.Name.Should().Be("Gadget");
        product.UnitPrice.Should().Be(3.25m);
        product.OnHand.Should().Be(2);
        product.Reserved.Should().Be(2);
        product.Available.Should().Be(0);
        product.UpdatedAt.Should().Be(Now.AddHours(1));
    }

    [Fact]
    public void Replace_refuses_on_hand_below_reserved_and_changes_nothing()
    {
        var product = new Product("sku-1", "Widget", 1m, onHand: 5, Now);
        product.Reserve(3, Now);

        var replace = () => product.Replace("Gadget", 9m, onHand: 2, Now);

        replace.Should().Throw<InventoryDomainException>().WithMessage("*3 are reserved*");
        product.Name.Should().Be("Widget");
        product.UnitPrice.Should().Be(1m);
        product.OnHand.Should().Be(5);
    }

    [Fact]
    public void A_product_cannot_start_with_negative_stock_or_price()
    {
        var negativeStock = () => new Product("sku-1", "Widget", 1m, onHand: -1, Now);
        var negativePrice = () => new Product("sku-1", "Widget", -0.01m, onHand: 1, Now);
        var longSku = () => new Product(new string('a', 65), "Widget", 1m, onHand: 1, Now);

        negativeStock.Should().Throw<ArgumentOutOfRangeException>();
        negativePrice.Should().Throw<ArgumentOutOfRangeException>();
        longSku.Should().Throw<ArgumentException>();
    }
}
