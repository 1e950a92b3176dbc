namespace Shop.AppHost.Tests.Manifest;

/// <summary>What the manifest must say of one service (read off <c>AppHost.cs</c>): its project, the connection
/// strings it references (its own database, Kafka, the cache where it uses it), the services it calls, whether its
/// endpoints are public, and the settings only it gets.</summary>
public sealed record PublishedService(
    string Name,
    string ProjectFile,
    IReadOnlyList<string> ConnectionStrings,
    IReadOnlyList<string> CalledServices,
    bool External,
    IReadOnlyDictionary<string, string> OwnSettings)
{
    public static readonly IReadOnlyList<PublishedService> All =
    [
        new("orders", "Shop.Orders.csproj", ["ordersdb", "kafka", "cache"], ["inventory", "payments"], External: true,
            new Dictionary<string, string> { ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true" }),
        new("inventory", "Shop.Inventory.csproj", ["inventorydb", "kafka", "cache"], [], External: false,
            new Dictionary<string, string>()),
        new("payments", "Shop.Payments.csproj", ["paymentsdb", "kafka"], [], External: false,
            new Dictionary<string, string>()),
        new("orchestrator", "Shop.Orchestrator.csproj", ["orchestratordb", "kafka"], [], External: false,
            new Dictionary<string, string>
            {
                ["Saga__Deadlines__ReserveStock"] = "{saga-reserve-stock-deadline.value}",
                ["Saga__Deadlines__ChargePayment"] = "{saga-charge-payment-deadline.value}",
                ["Saga__Deadlines__CommitStock"] = "{saga-commit-stock-deadline.value}",
            }),
    ];

    public static PublishedService Named(string name) => All.Single(service => service.Name == name);

    /// <summary>The whole <c>env</c> the service is published with: what the AppHost gives every service, the
    /// references, and its own settings. Nothing else: a local-only setting (the mock broker's <c>Kafka__*</c>,
    /// <c>Shop__Diagnostics__Enabled</c>, the shared-machine <c>DOTNET_*</c>) or a variable nothing reads is not in it.</summary>
    public IReadOnlyDictionary<string, string> Environment()
    {
        var environment = new Dictionary<string, string>
        {
            // Aspire's own, for every published project: the OTLP exporter's retry, and forwarded headers because
            // a project with endpoints is assumed to sit behind a proxy (Container Apps' ingress).
            ["OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"] = "in_memory",
            ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
            // The port the service listens on: azd resolves it to the port of the image it publishes (8080).
            ["HTTP_PORTS"] = $"{{{Name}.bindings.http.targetPort}}",
            ["Kafka__Partitions"] = "{kafka-partitions.value}",
        };
        foreach (var connectionString in ConnectionStrings)
        {
            environment[$"ConnectionStrings__{connectionString}"] = $"{{{connectionString}.connectionString}}";
        }

        foreach (var called in CalledServices)
        {
            environment[$"services__{called}__http__0"] = $"{{{called}.bindings.http.url}}";
            environment[$"services__{called}__https__0"] = $"{{{called}.bindings.https.url}}";
        }

        foreach (var (name, value) in OwnSettings)
        {
            environment[name] = value;
        }

        return environment;
    }
}
