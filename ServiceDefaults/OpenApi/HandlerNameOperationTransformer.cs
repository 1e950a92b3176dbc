using System.Reflection;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Shop.ServiceDefaults.OpenApi;

/// <summary>
/// Names each operation after its handler method (<c>GetOrderAsync</c> → <c>GetOrder</c>) unless the endpoint was
/// named with <c>WithName</c>: generated clients get stable, readable method names without a name on every route.
/// </summary>
internal sealed class HandlerNameOperationTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(operation.OperationId)
            && context.Description.ActionDescriptor.EndpointMetadata.OfType<MethodInfo>().FirstOrDefault() is { } handler
            && !handler.Name.Contains('<', StringComparison.Ordinal))
        {
            operation.OperationId = handler.Name.EndsWith("Async", StringComparison.Ordinal) ? handler.Name[..^"Async".Length] : handler.Name;
        }

        return Task.CompletedTask;
    }
}
