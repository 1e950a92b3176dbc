namespace Shop.ServiceDefaults.Discovery;

public sealed class ServiceDiscoveryException : InvalidOperationException
{
    public ServiceDiscoveryException(string message)
        : base(message)
    {
    }

    public ServiceDiscoveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
