using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Shop.Contracts;
using Shop.Orders.Pricing;
using Shop.Orders.Tests.Support;

namespace Shop.Orders.Tests.Pricing;

public sealed class InventoryClientTests
{
    private static readonly OrderLine[] Items = [new("B", 2), new("A", 1)];

    [Fact]
    public async Task Sends_the_items_in_order_and_returns_the_priced_lines()
    {
        var handler = Json(HttpStatusCode.OK, """
            { "items": [ { "sku": "B", "quantity": 2, "unitPrice": 1.25, "name": "Bee" },
                         { "sku": "A", "quantity": 1, "unitPrice": 10.10, "name": "Ay" } ], "total": 12.60 }
            """);

        var result = await Client(handler).PriceAsync(Items, CancellationToken.None);

        result.Errors.Should().BeNull();
        result.Lines.Should().Equal(new PricedOrderLine("B", 2, 1.25m), new PricedOrderLine("A", 1, 10.10m));
        JsonDocument.Parse(handler.Bodies.Single()).RootElement.ToString().Should().Be(
            JsonDocument.Parse("""{"items":[{"sku":"B","quantity":2},{"sku":"A","quantity":1}]}""").RootElement.ToString());
    }

    [Fact]
    public async Task Passes_the_field_errors_of_a_400_through()
    {
        var handler = Json(HttpStatusCode.BadRequest, """
            { "type": "https://tools.ietf.org/html/rfc9110#section-15.5.1", "title": "One or more validation errors occurred.",
              "status": 400, "errors": { "items[1].sku": [ "Unknown SKU 'A'." ] } }
            """, "application/problem+json");

        var result = await Client(handler).PriceAsync(Items, CancellationToken.None);

        result.Lines.Should().BeNull();
        result.Errors.Should().ContainKey("items[1].sku").WhoseValue.Should().Equal("Unknown SKU 'A'.");
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.NotFound)]
    public async Task Any_other_status_means_unavailable(HttpStatusCode status)
    {
        var result = await Client(Json(status, "{}")).PriceAsync(Items, CancellationToken.None);

        result.Should().BeSameAs(PricingResult.Unavailable);
    }

    [Fact]
    public async Task A_failed_connection_means_unavailable()
    {
        var handler = new StubHandler((_, _) => throw new HttpRequestException("Connection refused"));

        var result = await Client(handler).PriceAsync(Items, CancellationToken.None);

        result.Should().BeSameAs(PricingResult.Unavailable);
    }

    [Theory]
    [InlineData("""{ "items": [ { "sku": "B", "quantity": 2, "unitPrice": 1.25 } ], "total": 2.50 }""")]
    [InlineData("""{ "items": [ { "sku": "A", "quantity": 1, "unitPrice": 1 }, { "sku": "B", "quantity": 2, "unitPrice": 1 } ], "total": 3 }""")]
    [InlineData("""{ "items": [ { "sku": "B", "quantity": 3, "unitPrice": 1 }, { "sku": "A", "quantity": 1, "unitPrice": 1 } ], "total": 4 }""")]
    [InlineData("""{ "total": 4 }""")]
    [InlineData("""not json""")]
    public async Task Prices_for_other_lines_or_an_unreadable_answer_mean_unavailable(string body)
    {
        var result = await Client(Json(HttpStatusCode.OK, body)).PriceAsync(Items, CancellationToken.None);

        result.Should().BeSameAs(PricingResult.Unavailable);
    }

    private static StubHandler Json(HttpStatusCode status, string body, string mediaType = "application/json") =>
        new((_, _) => new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) });

    private static InventoryClient Client(HttpMessageHandler handler) =>
        new(new HttpClient(handler) { BaseAddress = new Uri("http://inventory.test") }, NullLogger<InventoryClient>.Instance);
}
