using Shop.Orders.Apis;

namespace Shop.Orders.Tests.Apis;

public sealed class SubmitOrderValidatorTests
{
    private static readonly SubmitOrderRequest Valid = new("customer-1", [new SubmitOrderItem("SKU-1", 1), new SubmitOrderItem("SKU-2", 1000)]);

    [Fact]
    public void A_valid_request_has_no_errors()
    {
        SubmitOrderValidator.Validate("key", Valid).Should().BeEmpty();
        SubmitOrderValidator.Validate(new string('k', 100), Valid).Should().BeEmpty();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void The_idempotency_key_is_required(string? key) =>
        SubmitOrderValidator.Validate(key, Valid).Keys.Should().Equal("Idempotency-Key");

    [Fact]
    public void The_idempotency_key_has_at_most_100_characters() =>
        SubmitOrderValidator.Validate(new string('k', 101), Valid).Keys.Should().Equal("Idempotency-Key");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void The_customer_is_required(string? customerId) =>
        SubmitOrderValidator.Validate("key", Valid with { CustomerId = customerId }).Keys.Should().Equal("customerId");

    [Fact]
    public void The_customer_id_has_at_most_100_characters()
    {
        SubmitOrderValidator.Validate("key", Valid with { CustomerId = new string('c', 100) }).Should().BeEmpty();
        SubmitOrderValidator.Validate("key", Valid with { CustomerId = new string('c', 101) }).Keys.Should().Equal("customerId");
    }

    [Fact]
    public void Items_are_required()
    {
        SubmitOrderValidator.Validate("key", Valid with { Items = null }).Keys.Should().Equal("items");
        SubmitOrderValidator.Validate("key", Valid with { Items = [] }).Keys.Should().Equal("items");
    }

    [Fact]
    public void An_order_has_at_most_50_items()
    {
        var fifty = Enumerable.Range(0, 50).Select(i => (SubmitOrderItem?)new SubmitOrderItem($"SKU-{i}", 1)).ToList();

        SubmitOrderValidator.Validate("key", Valid with { Items = fifty }).Should().BeEmpty();
        SubmitOrderValidator.Validate("key", Valid with { Items = [.. fifty, new SubmitOrderItem("SKU-50", 1)] }).Keys.Should().Equal("items");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Each_item_needs_a_sku(string? sku) =>
        SubmitOrderValidator.Validate("key", Valid with { Items = [new SubmitOrderItem("SKU-1", 1), new SubmitOrderItem(sku, 1)] })
            .Keys.Should().Equal("items[1].sku");

    [Fact]
    public void A_sku_has_at_most_64_characters() =>
        SubmitOrderValidator.Validate("key", Valid with { Items = [new SubmitOrderItem(new string('s', 65), 1)] })
            .Keys.Should().Equal("items[0].sku");

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1001)]
    public void A_quantity_is_between_1_and_1000(int? quantity) =>
        SubmitOrderValidator.Validate("key", Valid with { Items = [new SubmitOrderItem("SKU-1", quantity)] })
            .Keys.Should().Equal("items[0].quantity");

    [Fact]
    public void A_null_item_is_an_error() =>
        SubmitOrderValidator.Validate("key", Valid with { Items = [null] }).Keys.Should().Equal("items[0]");

    [Fact]
    public void Every_error_is_reported_at_once()
    {
        var errors = SubmitOrderValidator.Validate(null, new SubmitOrderRequest(null, [new SubmitOrderItem(null, 0)]));

        errors.Keys.Should().BeEquivalentTo("Idempotency-Key", "customerId", "items[0].sku", "items[0].quantity");
        errors.Values.Should().AllSatisfy(messages => messages.Should().ContainSingle().Which.Should().NotBeNullOrWhiteSpace());
    }
}
