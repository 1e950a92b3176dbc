namespace Shop.Messaging;

/// <summary>Resource names shared by the AppHost, LocalHost and the services (DESIGN §5).</summary>
public static class ServiceNames
{
    public const string Cache = "cache";
}
