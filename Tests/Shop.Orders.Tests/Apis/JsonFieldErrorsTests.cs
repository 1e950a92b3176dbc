using System.Text.Json;
using Shop.Orders.Apis;

namespace Shop.Orders.Tests.Apis;

public sealed class JsonFieldErrorsTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Theory]
    [InlineData("""{"customerId":"c","items":[{"sku":"a","quantity":99999999999}]}""", "items[0].quantity")]
    [InlineData("""{"customerId":"c","items":[{"sku":"a","quantity":1},{"sku":"b","quantity":1.5}]}""", "items[1].quantity")]
    [InlineData("""{"customerId":"c","items":[{"sku":"a","quantity":"many"}]}""", "items[0].quantity")]
    [InlineData("""{"customerId":"c","items":[{"sku":42,"quantity":1}]}""", "items[0].sku")]
    [InlineData("""{"customerId":{"a":1},"items":[]}""", "customerId")]
    [InlineData("""{"customerId":"c","items":"lots"}""", "items")]
    public void A_value_of_the_wrong_type_names_its_field(string body, string field)
    {
        var exception = Deserialize(body);

        JsonFieldErrors.From(exception)!.Keys.Should().Equal(field);
    }

    [Theory]
    [InlineData("""{ "customerId": "x", "items": [ """)]
    [InlineData("""{ "customerId": "x", "items": [ { "sku": "a", "quantity": 1 ]} """)]
    [InlineData("""not json""")]
    [InlineData("""[1, 2]""")]
    public void Broken_json_has_no_field_to_name(string body)
    {
        var exception = Deserialize(body);

        JsonFieldErrors.From(exception).Should().BeNull();
    }

    private static JsonException Deserialize(string body)
    {
        var act = () => JsonSerializer.Deserialize<SubmitOrderRequest>(body, Web);
        return act.Should().Throw<JsonException>().Which;
    }
}
