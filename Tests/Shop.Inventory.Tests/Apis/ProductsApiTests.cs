using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using Shop.Contracts;
using Shop.Contracts.Inventory;
using Shop.Inventory.Tests.Support;
using Shop.Testing;

namespace Shop.Inventory.Tests.Apis;

[Collection(InfrastructureCollection.Name)]
public sealed class ProductsApiTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private readonly string _sku = $"api-{Guid.NewGuid():N}"[..12];
    private HttpClient _client = null!;

    [Fact]
    public async Task Put_creates_then_replaces_and_get_reads_it_back()
    {
        // Act
        var created = await _client.PutAsJsonAsync($"/api/products/{_sku}", new { name = "Widget", unitPrice = 2.50m, onHand = 7 });
        var replaced = await _client.PutAsJsonAsync($"/api/products/{_sku}", new { name = "Widget XL", unitPrice = 3m, onHand = 9 });
        var read = await _client.GetAsync($"/api/products/{_sku}");

        // Assert
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        created.Headers.Location!.OriginalString.Should().Be($"/api/products/{_sku}");
        (await Json(created)).ToJsonString().Should().Be(
            $$"""{"sku":"{{_sku}}","name":"Widget","unitPrice":2.50,"onHand":7,"reserved":0,"available":7}""");
        replaced.StatusCode.Should().Be(HttpStatusCode.OK);
        read.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Json(read)).ToJsonString().Should().Be(
            $$"""{"sku":"{{_sku}}","name":"Widget XL","unitPrice":3.00,"onHand":9,"reserved":0,"available":9}""");
    }

    [Fact]
    public async Task Get_lists_products_ordered_by_sku()
    {
        foreach (var suffix in new[] { "-c", "-a", "-b" })
        {
            (await _client.PutAsJsonAsync($"/api/products/{_sku}{suffix}", new { name = "P", unitPrice = 1m, onHand = 1 }))
                .EnsureSuccessStatusCode();
        }

        var list = await _client.GetFromJsonAsync<JsonArray>("/api/products");

        var skus = list!.Select(p => (string)p!["sku"]!).ToList();
        skus.Should().BeInAscendingOrder(StringComparer.Ordinal);
        skus.Where(s => s.StartsWith(_sku, StringComparison.Ordinal)).Should().Equal(_sku + "-a", _sku + "-b", _sku + "-c");
        list![0]!.AsObject().Select(p => p.Key).Should().Equal("sku", "name", "unitPrice", "onHand", "reserved", "available");
    }

    [Fact]
    public async Task An_unknown_product_is_a_404_problem()
    {
        var response = await _client.GetAsync($"/api/products/{_sku}-missing");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Invalid_fields_are_a_400_validation_problem_and_change_nothing()
    {
        var response = await _client.PutAsJsonAsync("/api/products/bad%20sku!", new { name = "", unitPrice = 1.234m, onHand = 1.5m });
        var negative = await _client.PutAsJsonAsync($"/api/products/{_sku}", new { name = new string('n', 201), unitPrice = -1m, onHand = -1 });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var errors = (await Json(response))["errors"]!.AsObject().Select(e => e.Key);
        errors.Should().BeEquivalentTo("sku", "name", "unitPrice", "onHand");
        negative.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Json(negative))["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo("name", "unitPrice", "onHand");
        (await _client.GetAsync($"/api/products/{_sku}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        var response = await _client.PutAsync(
            $"/api/products/{_sku}", new StringContent("{ \"name\": ", Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await _client.GetAsync($"/api/products/{_sku}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Price_returns_each_line_at_todays_price_and_the_total()
    {
        await _client.PutAsJsonAsync($"/api/products/{_sku}-a", new { name = "A", unitPrice = 2.50m, onHand = 1 });
        await _client.PutAsJsonAsync($"/api/products/{_sku}-b", new { name = "B", unitPrice = 0.99m, onHand = 1 });

        var response = await _client.PostAsJsonAsync("/api/products/price", new
        {
            items = new[] { new { sku = _sku + "-a", quantity = 3 }, new { sku = _sku + "-b", quantity = 2 } },
        });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Json(response)).ToJsonString().Should().Be(
            $$"""{"items":[{"sku":"{{_sku}}-a","quantity":3,"unitPrice":2.50,"name":"A"},{"sku":"{{_sku}}-b","quantity":2,"unitPrice":0.99,"name":"B"}],"total":9.48}""");
    }

    [Fact]
    public async Task Price_names_unknown_skus_by_item_index()
    {
        await _client.PutAsJsonAsync($"/api/products/{_sku}-a", new { name = "A", unitPrice = 1m, onHand = 1 });

        var response = await _client.PostAsJsonAsync("/api/products/price", new
        {
            items = new[] { new { sku = _sku + "-a", quantity = 1 }, new { sku = "nope", quantity = 1 } },
        });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await Json(response))["errors"]!.AsObject();
        errors.Select(e => e.Key).Should().Equal("items[1].sku");
        errors["items[1].sku"]!.AsArray().Select(e => (string)e!).Should().Equal("Unknown SKU 'nope'.");
    }

    [Fact]
    public async Task A_reserve_stock_command_on_kafka_is_held_and_then_on_hand_cannot_drop_below_it()
    {
        // Arrange
        await _client.PutAsJsonAsync($"/api/products/{_sku}", new { name = "Widget", unitPrice = 1m, onHand = 5 });
        var orderId = Guid.CreateVersion7();

        // Act: the command as the orchestrator's relay would send it.
        await ProduceAsync(new ReserveStock(orderId, [new OrderLine(_sku, 2)]), "inventory.reserve-stock.v1", orderId);

        // Assert
        var held = await Wait.ForAsync(
            async () => await Json(await _client.GetAsync($"/api/products/{_sku}")) is var p && (int)p["reserved"]! == 2 ? p : null,
            TimeSpan.FromSeconds(15), "the reservation to show on the product");
        ((int)held["available"]!).Should().Be(3);
        var conflict = await _client.PutAsJsonAsync($"/api/products/{_sku}", new { name = "Widget", unitPrice = 1m, onHand = 1 });
        conflict.StatusCode.Should().Be(HttpStatusCode.Conflict);
        conflict.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await _client.PutAsJsonAsync($"/api/products/{_sku}", new { name = "Widget", unitPrice = 1m, onHand = 2 }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        var answer = await Wait.ForAsync(() => NextEventOfOrder(orderId), TimeSpan.FromSeconds(15), "StockReserved on inventory.events");
        Encoding.UTF8.GetString(answer.Message.Headers.GetLastBytes("message-type")).Should().Be("inventory.stock-reserved.v1");
    }

    public async Task InitializeAsync() => _client = (await infrastructure.AppAsync()).CreateClient();

    public Task DisposeAsync()
    {
        _events?.Close();
        _events?.Dispose();
        _client.Dispose();
        return Task.CompletedTask;
    }

    private static async Task<JsonObject> Json(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    private IConsumer<string, byte[]>? _events;

    private ConsumeResult<string, byte[]>? NextEventOfOrder(Guid orderId)
    {
        if (_events is null)
        {
            _events = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
            {
                BootstrapServers = infrastructure.Topology.KafkaBootstrapServers,
                GroupId = $"inventory-tests-{Guid.NewGuid():N}",
                EnableAutoCommit = false,
            }).Build();
            _events.Assign(Enumerable.Range(0, InfrastructureFixture.KafkaPartitions)
                .Select(p => new TopicPartitionOffset(ContractTopics.InventoryEvents, p, Offset.Beginning)));
        }

        var result = _events.Consume(TimeSpan.FromMilliseconds(200));
        return result?.Message?.Key == orderId.ToString() ? result : null;
    }

    private async Task ProduceAsync<T>(T message, string type, Guid orderId)
    {
        using var producer = new ProducerBuilder<string, byte[]>(
            new ProducerConfig { BootstrapServers = infrastructure.Topology.KafkaBootstrapServers }).Build();
        await producer.ProduceAsync(ContractTopics.InventoryCommands, new Message<string, byte[]>
        {
            Key = orderId.ToString(),
            Value = JsonSerializer.SerializeToUtf8Bytes(message, JsonSerializerOptions.Web),
            Headers = new Headers
            {
                { "message-id", Encoding.UTF8.GetBytes(Guid.CreateVersion7().ToString()) },
                { "message-type", Encoding.UTF8.GetBytes(type) },
                { "correlation-id", Encoding.UTF8.GetBytes(orderId.ToString()) },
            },
        });
    }
}
