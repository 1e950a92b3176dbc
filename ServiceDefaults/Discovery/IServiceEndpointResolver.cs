namespace Shop.ServiceDefaults.Discovery;

public interface IServiceEndpointResolver
{
    /// <summary>
    /// Returns the address of <paramref name="serviceName"/> for a request made with <paramref name="scheme"/>.
    /// A scheme such as "https+http" lists endpoint names in order of preference.
    /// </summary>
    /// <exception cref="ServiceDiscoveryException">No usable endpoint is configured.</exception>
    Uri Resolve(string serviceName, string scheme);
}
