using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;
using Shop.Orchestrator.Data;
using Shop.Testing.OpenApi;

namespace Shop.Orchestrator.Tests.Apis;

public sealed class OpenApiDocumentTests
{
    [Fact]
    public async Task The_document_lists_the_probes_and_the_diagnostics()
    {
        await using var app = new DocumentOnlyApp();

        var document = await ServedOpenApiDocument.ReadAsync(app.CreateClient());

        document.OpenApiVersion.Should().StartWith("3.");
        document.Title.Should().Be("Shop.Aspire orchestrator");
        document.Paths.Should().ContainKeys("/health", "/alive", "/diagnostics/messaging/ping");
        document.Paths["/health"].Should().Equal("get");
    }

    /// <summary>The orchestrator's own Program with nothing in the background: the document needs no database or broker,
    /// so the connection strings point nowhere and no hosted service starts. (Its type argument only names the assembly.)</summary>
    private sealed class DocumentOnlyApp : WebApplicationFactory<OrchestratorDbContext>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("ConnectionStrings:orchestratordb", "Host=127.0.0.1;Port=9;Database=none");
            builder.UseSetting("ConnectionStrings:kafka", "127.0.0.1:9");
            builder.UseSetting("Shop:Diagnostics:Enabled", "true");
            builder.ConfigureTestServices(services =>
            {
                foreach (var hosted in services.Where(d => d.ServiceType == typeof(IHostedService)).ToList())
                {
                    services.Remove(hosted);
                }
            });
        }
    }
}
