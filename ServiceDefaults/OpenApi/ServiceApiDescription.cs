namespace Shop.ServiceDefaults.OpenApi;

/// <summary>What a service's OpenAPI document says about the service; registered by
/// <see cref="Microsoft.Extensions.Hosting.Extensions.AddDefaultOpenApi{TBuilder}"/>.</summary>
public sealed record ServiceApiDescription(string Title, string Description)
{
    /// <summary>The one document each service serves (<c>/openapi/v1.json</c>), AddOpenApi's default name.</summary>
    public const string DocumentName = "v1";
}
