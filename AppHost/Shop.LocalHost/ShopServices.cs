namespace Shop.LocalHost;

/// <summary>The shop's services. The order is only for listings; start order does not matter, because each
/// service waits for what it needs through its own health checks and retries.</summary>
public static class ShopServices
{
    public static ServiceDefinition Orders { get; } = new("orders", "Services/Orders", "Shop.Orders", "ordersdb");

    public static ServiceDefinition Inventory { get; } = new("inventory", "Services/Inventory", "Shop.Inventory", "inventorydb");

    public static ServiceDefinition Payments { get; } = new("payments", "Services/Payments", "Shop.Payments", "paymentsdb");

    public static ServiceDefinition Orchestrator { get; } = new("orchestrator", "Services/Orchestrator", "Shop.Orchestrator", "orchestratordb");

    public static IReadOnlyList<ServiceDefinition> All { get; } = [Orders, Inventory, Payments, Orchestrator];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(service => service.Name)];

    public static ServiceDefinition Get(string name) =>
        All.FirstOrDefault(service => service.Name == name)
        ?? throw new ArgumentException($"unknown service '{name}' (known: {string.Join(", ", Names)})", nameof(name));
}
