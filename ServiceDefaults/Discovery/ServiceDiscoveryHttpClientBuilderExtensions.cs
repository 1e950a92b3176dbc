using Shop.ServiceDefaults.Discovery;

namespace Microsoft.Extensions.DependencyInjection;

// Same name and namespace as Microsoft.Extensions.ServiceDiscovery's, so that package can replace this one.
public static class ServiceDiscoveryHttpClientBuilderExtensions
{
    public static IHttpClientBuilder AddServiceDiscovery(this IHttpClientBuilder builder)
    {
        builder.Services.AddServiceDiscovery();
        return builder.AddHttpMessageHandler(services =>
            new ServiceDiscoveryHandler(services.GetRequiredService<IServiceEndpointResolver>()));
    }
}
