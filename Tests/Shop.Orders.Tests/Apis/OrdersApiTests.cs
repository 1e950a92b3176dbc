using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Shop.Contracts;
using Shop.Orders.Tests.Support;

namespace Shop.Orders.Tests.Apis;

[Collection(OrdersAppCollection.Name)]
public sealed class OrdersApiTests(OrdersApp app)
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task Submit_stores_the_priced_order_and_its_OrderSubmitted_in_one_go()
    {
        var customer = NewId("customer");

        var response = await SubmitAsync(NewId("key"), new { customerId = customer, items = new[] { Item("sku-b", 2), Item("sku-a", 1) } });

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = accepted.GetProperty("orderId").GetGuid();
        accepted.GetProperty("status").GetString().Should().Be(OrderStates.Submitted);
        response.Headers.Location!.ToString().Should().Be($"/api/orders/{id}");

        var order = await _client.GetFromJsonAsync<JsonElement>($"/api/orders/{id}");
        order.GetProperty("customerId").GetString().Should().Be(customer);
        order.GetProperty("total").GetDecimal().Should().Be(3 * OrdersApp.UnitPrice);
        order.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("sku").GetString(), i.GetProperty("quantity").GetInt32()))
            .Should().Equal(("sku-b", 2), ("sku-a", 1));

        var outbox = await app.OutboxAsync(id);
        outbox.Should().ContainSingle().Which.Type.Should().Be("orders.order-submitted.v1");
        var submitted = outbox[0].Payload;
        submitted.GetProperty("customerId").GetString().Should().Be(customer);
        submitted.GetProperty("total").GetDecimal().Should().Be(7.50m);
        submitted.GetProperty("lines").GetArrayLength().Should().Be(2);
    }

    [Fact]
    public async Task The_same_key_and_body_again_is_the_same_order()
    {
        var key = NewId("key");
        var body = new { customerId = NewId("customer"), items = new[] { Item("sku-a", 1) } };

        var first = await SubmitAsync(key, body);
        var countAfterFirst = await app.CountAsync();
        var second = await SubmitAsync(key, body);

        second.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await OrderIdAsync(second)).Should().Be(await OrderIdAsync(first));
        second.Headers.Location.Should().Be(first.Headers.Location);
        (await app.CountAsync()).Should().Be(countAfterFirst);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_conflict()
    {
        var key = NewId("key");
        var customer = NewId("customer");
        await SubmitAsync(key, new { customerId = customer, items = new[] { Item("sku-a", 1) } });
        var before = await app.CountAsync();

        var response = await SubmitAsync(key, new { customerId = customer, items = new[] { Item("sku-a", 2) } });

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await app.CountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Concurrent_submits_with_one_key_make_one_order()
    {
        var key = NewId("key");
        var body = new { customerId = NewId("customer"), items = new[] { Item("sku-a", 1) } };
        var before = await app.CountAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => SubmitAsync(key, body)));

        responses.Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.Accepted);
        (await Task.WhenAll(responses.Select(OrderIdAsync))).Distinct().Should().ContainSingle();
        (await app.CountAsync()).Should().Be((before.Orders + 1, before.Outbox + 1));
    }

    [Theory]
    [InlineData(null, """{"customerId":"c","items":[{"sku":"a","quantity":1}]}""", "Idempotency-Key")]
    [InlineData("", """{"customerId":"c","items":[{"sku":"a","quantity":1}]}""", "Idempotency-Key")]
    [InlineData("k", """{"items":[{"sku":"a","quantity":1}]}""", "customerId")]
    [InlineData("k", """{"customerId":"c","items":[]}""", "items")]
    [InlineData("k", """{"customerId":"c"}""", "items")]
    [InlineData("k", """{"customerId":"c","items":[{"quantity":1}]}""", "items[0].sku")]
    [InlineData("k", """{"customerId":"c","items":[{"sku":"a","quantity":0}]}""", "items[0].quantity")]
    [InlineData("k", """{"customerId":"c","items":[{"sku":"a","quantity":-1}]}""", "items[0].quantity")]
    [InlineData("k", """{"customerId":"c","items":[{"sku":"a","quantity":1001}]}""", "items[0].quantity")]
    [InlineData("k", """{"customerId":"c","items":[{"sku":"a","quantity":1},{"sku":"unknown-x","quantity":1}]}""", "items[1].sku")]
    [InlineData("k", """{"customerId":"c","items":[{"sku":"a","quantity":99999999999}]}""", "items[0].quantity")]
    [InlineData("k", """{"customerId":"c","items":[{"sku":"a","quantity":1},{"sku":"a","quantity":-2147483649}]}""", "items[1].quantity")]
    [InlineData("k", """{"customerId":"c","items":[{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1},{"sku":"a","quantity":1}]}""", "items")]
    [InlineData("kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk", """{"customerId":"c","items":[{"sku":"a","quantity":1}]}""", "Idempotency-Key")]
    public async Task An_invalid_submit_is_a_validation_problem_and_stores_nothing(string? key, string body, string field)
    {
        var before = await app.CountAsync();

        var response = await SubmitRawAsync(string.IsNullOrEmpty(key) ? key : key + Guid.NewGuid(), body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue(problem.ToString());
        (await app.CountAsync()).Should().Be(before);
    }

    [Theory]
    [InlineData("""{"customerId":"c","items":[{"sku":"a","quantity":1}""")]
    [InlineData("""{"customerId":"c","items":[{"sku":"a","quantity":"one"}]}""")]
    [InlineData("""{"customerId":"c","items":[{"sku":"a","quantity":1.5}]}""")]
    [InlineData("""{"customerId":42,"items":[]}""")]
    [InlineData("""null""")]
    [InlineData("")]
    public async Task A_malformed_body_is_a_bad_request_problem_and_stores_nothing(string body)
    {
        var before = await app.CountAsync();

        var response = await SubmitRawAsync(NewId("key"), body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await app.CountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task When_inventory_is_down_submit_is_503_with_retry_after_and_stores_nothing()
    {
        var before = await app.CountAsync();

        var response = await SubmitAsync(NewId("key"), new { customerId = NewId("customer"), items = new[] { Item("down-1", 1) } });

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(5));
        (await app.CountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task An_unknown_or_malformed_order_id_is_404_problem()
    {
        var unknown = await _client.GetAsync($"/api/orders/{Guid.NewGuid()}");
        var malformed = await _client.GetAsync("/api/orders/not-a-guid");
        var cancelUnknown = await _client.PostAsync($"/api/orders/{Guid.NewGuid()}/cancel", null);

        foreach (var response in new[] { unknown, malformed, cancelUnknown })
        {
            response.StatusCode.Should().Be(HttpStatusCode.NotFound);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        }
    }

    [Fact]
    public async Task The_list_pages_through_a_customers_orders_newest_first()
    {
        var customer = NewId("customer");
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await OrderIdAsync(await SubmitAsync(NewId("key"), new { customerId = customer, items = new[] { Item("sku-a", i + 1) } })));
        }

        var seen = new List<Guid>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await _client.GetFromJsonAsync<JsonElement>(
                $"/api/orders?customerId={customer}&pageSize=2" + (token is null ? "" : $"&pageToken={token}"));
            var items = page.GetProperty("items").EnumerateArray().ToList();
            items.Should().HaveCountLessThanOrEqualTo(2);
            items.Should().AllSatisfy(item => item.GetProperty("customerId").GetString().Should().Be(customer));
            seen.AddRange(items.Select(item => item.GetProperty("orderId").GetGuid()));
            token = page.GetProperty("nextPageToken").GetString();
            pages++;
        }
        while (token is not null && pages < 10);

        pages.Should().Be(3);
        seen.Should().Equal(Enumerable.Reverse(ids));
    }

    [Fact]
    public async Task The_list_filters_by_status()
    {
        var customer = NewId("customer");
        await SubmitAsync(NewId("key"), new { customerId = customer, items = new[] { Item("sku-a", 1) } });

        var submitted = await _client.GetFromJsonAsync<JsonElement>($"/api/orders?customerId={customer}&status=Submitted");
        var completed = await _client.GetFromJsonAsync<JsonElement>($"/api/orders?customerId={customer}&status=Completed");

        submitted.GetProperty("items").GetArrayLength().Should().Be(1);
        submitted.GetProperty("nextPageToken").ValueKind.Should().Be(JsonValueKind.Null);
        completed.GetProperty("items").GetArrayLength().Should().Be(0);
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("pageSize=ten", "pageSize")]
    [InlineData("pageToken=garbage", "pageToken")]
    [InlineData("status=Lost", "status")]
    public async Task Invalid_list_parameters_are_validation_problems(string query, string field)
    {
        var response = await _client.GetAsync($"/api/orders?{query}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
    }

    [Fact]
    public async Task Cancel_asks_the_saga_and_is_refused_once_the_order_is_terminal()
    {
        var id = await OrderIdAsync(await SubmitAsync(NewId("key"), new { customerId = NewId("customer"), items = new[] { Item("sku-a", 1) } }));

        var accepted = await _client.PostAsync($"/api/orders/{id}/cancel", null);

        accepted.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await app.OutboxAsync(id)).Select(m => m.Type)
            .Should().Equal("orders.order-submitted.v1", "orders.order-cancellation-requested.v1");

        await app.Services.HandleAsync(new Shop.Contracts.Orders.CancelOrder(id, CancellationReasons.CustomerCancelled));
        var refused = await _client.PostAsync($"/api/orders/{id}/cancel", null);

        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await app.OutboxAsync(id)).Should().HaveCount(3, "the refused request publishes nothing");
    }

    private static object Item(string sku, int quantity) => new { sku, quantity };

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    private Task<HttpResponseMessage> SubmitAsync(string key, object body) => SubmitRawAsync(key, JsonSerializer.Serialize(body));

    private Task<HttpResponseMessage> SubmitRawAsync(string? key, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        return _client.SendAsync(request);
    }

    private static async Task<Guid> OrderIdAsync(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetGuid();
    }
}
