using Microsoft.Extensions.DependencyInjection.Extensions;
using Shop.ServiceDefaults.Discovery;

namespace Microsoft.Extensions.DependencyInjection;

// Same name and namespace as Microsoft.Extensions.ServiceDiscovery's, so that package can replace this one.
public static class ServiceDiscoveryServiceCollectionExtensions
{
    public static IServiceCollection AddServiceDiscovery(this IServiceCollection services)
    {
        services.TryAddSingleton<IServiceEndpointResolver, ConfigurationServiceEndpointResolver>();
        return services;
    }
}
