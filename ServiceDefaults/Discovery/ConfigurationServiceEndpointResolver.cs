using Microsoft.Extensions.Configuration;

namespace Shop.ServiceDefaults.Discovery;

// Reads the form Aspire injects (services__inventory__http__0=http://localhost:5123). Configuration is read
// on every call rather than cached, so a reloaded value applies to the next request.
public sealed class ConfigurationServiceEndpointResolver(IConfiguration configuration) : IServiceEndpointResolver
{
    public const string SectionName = "services";

    public Uri Resolve(string serviceName, string scheme)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        ArgumentException.ThrowIfNullOrEmpty(scheme);

        var keys = new List<string>();
        foreach (var endpointName in scheme.Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var key = ConfigurationPath.Combine(SectionName, serviceName, endpointName, "0");
            keys.Add(key);

            var value = configuration[key];
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            if (!Uri.TryCreate(value, UriKind.Absolute, out var endpoint) || endpoint.Host.Length == 0)
            {
                throw new ServiceDiscoveryException(
                    $"The endpoint configured for service '{serviceName}' in '{key}' is '{value}', which is not an absolute URI.");
            }

            return endpoint;
        }

        throw new ServiceDiscoveryException(
            $"No endpoint is configured for service '{serviceName}' (looked for configuration {string.Join(", ", keys.Select(k => $"'{k}'"))}).");
    }
}
