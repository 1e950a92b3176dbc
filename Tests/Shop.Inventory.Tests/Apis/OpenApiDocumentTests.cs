using Shop.Inventory.Tests.Support;
using Shop.Testing.OpenApi;

namespace Shop.Inventory.Tests.Apis;

[Collection(InfrastructureCollection.Name)]
public sealed class OpenApiDocumentTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task The_document_lists_the_products_api_and_the_probes()
    {
        var document = await ServedOpenApiDocument.ReadAsync((await infrastructure.AppAsync()).CreateClient());

        document.OpenApiVersion.Should().StartWith("3.");
        document.Title.Should().Be("Shop.Aspire inventory");
        document.Paths.Should().ContainKeys("/api/products", "/api/products/{sku}", "/api/products/price", "/health", "/alive");
        document.Paths["/api/products/{sku}"].Should().BeEquivalentTo("get", "put");
        document.OperationIds.Should().Contain(["GetProducts", "GetProduct", "PutProduct", "Price"]);
        document.Operation("/api/products", "get").GetProperty("summary").GetString().Should().Contain("stock");
        document.Operation("/api/products/{sku}", "get").GetProperty("responses").GetProperty("200")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema").GetRawText().Should().Contain("ProductResponse");
    }
}
