using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Shop.ServiceDefaults.Health;

namespace Shop.ServiceDefaults.OpenApi;

/// <summary>
/// Titles the document after the service and adds <c>/health</c> and <c>/alive</c>, which every service answers
/// (DESIGN §4) but which, mapped as health checks rather than route handlers, the generator does not see.
/// </summary>
internal sealed class ServiceDocumentTransformer(ServiceApiDescription service) : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info ??= new OpenApiInfo();
        document.Info.Title = service.Title;
        document.Info.Description = service.Description;
        document.Info.Version = "v1";

        document.Paths ??= [];
        document.Paths[HealthEndpointPaths.Health] = Probe(
            "Readiness: 200 when every dependency (database, Kafka and its topics, Redis where used) answers, else 503 with the reason.");
        document.Paths[HealthEndpointPaths.Alive] = Probe("Liveness: 200 while the process runs.");
        return Task.CompletedTask;
    }

    private static OpenApiPathItem Probe(string summary)
    {
        var item = new OpenApiPathItem();
        item.AddOperation(HttpMethod.Get, new OpenApiOperation
        {
            Summary = summary,
            Responses = new OpenApiResponses
            {
                ["200"] = new OpenApiResponse { Description = "Healthy (or degraded)." },
                ["503"] = new OpenApiResponse { Description = "Unhealthy." },
            },
        });
        return item;
    }
}
