namespace Shop.Orders.Storefront;

/// <summary>Inventory or payments could not answer (after the resilience pipeline's retries): the page gets a 503.</summary>
public sealed class StorefrontUnavailableException(string service, string reason, Exception? inner = null)
    : Exception($"The {service} service is unavailable: {reason}", inner)
{
    public string Service { get; } = service;
}
