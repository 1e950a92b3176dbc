using Shop.Payments.Tests.Support;
using Shop.Testing.OpenApi;

namespace Shop.Payments.Tests.Apis;

[Collection(PaymentsDatabaseCollection.Name)]
public sealed class OpenApiDocumentTests(PaymentsDatabaseFixture fixture)
{
    [Fact]
    public async Task The_document_lists_the_accounts_and_payments_apis_and_the_probes()
    {
        var document = await ServedOpenApiDocument.ReadAsync(fixture.App.CreateClient());

        document.OpenApiVersion.Should().StartWith("3.");
        document.Title.Should().Be("Shop.Aspire payments");
        document.Paths.Should().ContainKeys("/api/accounts/{customerId}", "/api/payments", "/health", "/alive");
        document.Paths["/api/accounts/{customerId}"].Should().BeEquivalentTo("get", "put");
        document.OperationIds.Should().Contain(["GetAccount", "SetBalance", "ListPayments"]);
        document.Operation("/api/payments", "get").GetProperty("summary").GetString().Should().Contain("payments");
    }
}
