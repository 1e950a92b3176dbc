namespace Shop.ServiceDefaults.Discovery;

// Rewrites http://inventory/api/products to the configured address of "inventory", keeping path and query.
// Only single-label names are logical services: anything with a dot, an IP address or localhost is a real
// address and passes through, so clients can still call external hosts.
public sealed class ServiceDiscoveryHandler(IServiceEndpointResolver resolver) : DelegatingHandler
{
    public static bool IsLogicalServiceName(Uri uri) =>
        uri.IsAbsoluteUri
        && uri.HostNameType is UriHostNameType.Dns
        && !uri.IsLoopback
        && !uri.Host.Contains('.', StringComparison.Ordinal);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri && IsLogicalServiceName(uri))
        {
            request.RequestUri = Rewrite(uri, resolver.Resolve(uri.Host, uri.Scheme));
        }

        return base.SendAsync(request, cancellationToken);
    }

    private static Uri Rewrite(Uri logical, Uri endpoint)
    {
        var basePath = endpoint.AbsolutePath.TrimEnd('/');
        var rewritten = new UriBuilder(logical)
        {
            Scheme = endpoint.Scheme,
            Host = endpoint.Host,
            Port = endpoint.Port,
            Path = basePath + logical.AbsolutePath,
        };

        return rewritten.Uri;
    }
}
