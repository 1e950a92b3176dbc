using Shop.Orders.Tests.Support;
using Shop.Testing.OpenApi;

namespace Shop.Orders.Tests.Apis;

[Collection(OrdersAppCollection.Name)]
public sealed class OpenApiDocumentTests(OrdersApp app)
{
    [Fact]
    public async Task The_document_is_served_in_production_and_lists_every_endpoint()
    {
        var document = await ServedOpenApiDocument.ReadAsync(app.CreateClient());

        document.OpenApiVersion.Should().StartWith("3.");
        document.Title.Should().Be("Shop.Aspire orders");
        document.Paths.Should().ContainKeys(
            "/api/orders", "/api/orders/{id}", "/api/orders/{id}/cancel", "/api/orders/{id}/events",
            "/api/storefront/products", "/api/storefront/accounts/{customerId}", "/api/storefront/seed",
            "/health", "/alive");
        document.Paths["/api/orders"].Should().BeEquivalentTo("get", "post");
        document.OperationIds.Should().Contain(["SubmitOrder", "GetOrder", "ListOrders", "CancelOrder", "StreamOrderEvents", "SeedDemoData"]);
    }

    [Fact]
    public async Task Operations_say_what_they_answer()
    {
        var document = await ServedOpenApiDocument.ReadAsync(app.CreateClient());

        var events = document.Operation("/api/orders/{id}/events", "get");
        events.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/event-stream", out _)
            .Should().BeTrue("the live status is a Server-Sent Events stream");
        events.GetProperty("responses").EnumerateObject().Select(r => r.Name).Should().Contain(["200", "204", "404"]);
        events.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).Should().Contain("Orders");

        var get = document.Operation("/api/orders/{id}", "get");
        get.GetProperty("summary").GetString().Should().NotBeNullOrWhiteSpace();
        get.GetProperty("responses").EnumerateObject().Select(r => r.Name).Should().Contain("200");
        get.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json")
            .GetProperty("schema").GetRawText().Should().Contain("OrderResponse");
    }
}
