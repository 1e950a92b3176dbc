using System.Text.Json;
using Shop.Orders.Apis;

namespace Shop.Orders.Tests.Apis;

public sealed class RequestHashTests
{
    [Fact]
    public void The_hash_is_a_lowercase_sha256_hex_string() =>
        RequestHash.Compute(Request("c", ("A", 1))).Should().MatchRegex("^[0-9a-f]{64}$");

    [Fact]
    public void Formatting_property_order_and_unknown_fields_do_not_change_the_hash()
    {
        var compact = Parse("""{"customerId":"c-1","items":[{"sku":"A","quantity":2},{"sku":"B","quantity":1}]}""");
        var spaced = Parse("""
            {
              "items": [ { "quantity": 2, "sku": "A", "note": "x" }, { "sku": "B", "quantity": 1 } ],
              "customerId": "c-1",
              "extra": true
            }
            """);

        RequestHash.Compute(spaced).Should().Be(RequestHash.Compute(compact));
    }

    [Fact]
    public void Every_value_of_the_order_changes_the_hash()
    {
        var hashes = new[]
        {
            Request("c-1", ("A", 2), ("B", 1)),
            Request("c-2", ("A", 2), ("B", 1)),
            Request("c-1", ("A", 3), ("B", 1)),
            Request("c-1", ("A", 2), ("C", 1)),
            Request("c-1", ("B", 1), ("A", 2)),
            Request("c-1", ("A", 2)),
            Request("c-1", ("A", 2), ("B", 1), ("B", 1)),
            Request("c-1", ("a", 2), ("B", 1)),
        }.Select(RequestHash.Compute);

        hashes.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Values_cannot_run_into_each_other()
    {
        // Plain concatenation would make these two the same string.
        RequestHash.Compute(Request("c1", ("2A", 1))).Should().NotBe(RequestHash.Compute(Request("c12", ("A", 1))));
        RequestHash.Compute(Request("c", ("A", 11))).Should().NotBe(RequestHash.Compute(Request("c", ("A1", 1))));
    }

    private static SubmitOrderRequest Request(string customerId, params (string Sku, int Quantity)[] items) =>
        new(customerId, [.. items.Select(i => new SubmitOrderItem(i.Sku, i.Quantity))]);

    private static SubmitOrderRequest Parse(string json) => JsonSerializer.Deserialize<SubmitOrderRequest>(json, JsonSerializerOptions.Web)!;
}
