using Shop.AppHost.Infrastructure;

namespace Shop.AppHost.Running;

public static class ShopServiceExtensions
{
    // Runtime settings for every service in run mode, because then they share one machine with PostgreSQL and each
    // other. Server GC's per-core heaps and tiered PGO's extra instrumented compile of every hot method are worth their
    // CPU on a host with cores to spare, not here (LocalHost measured 57-63 against 85-214 ms of CPU per saga, closed
    // loop). A value in the AppHost's own environment wins, so either can be measured the other way.
    private static readonly IReadOnlyDictionary<string, string> SharedMachineRuntimeSettings = new Dictionary<string, string>
    {
        ["DOTNET_gcServer"] = "0",
        ["DOTNET_TieredPGO"] = "0",
    };

    // Settings for librdkafka's mock broker, not for real Kafka (README → Configuration the services read): it holds a
    // waiting fetch for the whole wait, so the order path waits 5 ms instead of 500; its brokers and the services'
    // processes are taken down on purpose by the chaos tests, so a dead member's partitions move after 4 s instead
    // of 10 and an unanswered request is sent again after 10 s instead of 60; a JoinGroup it never answered (seen after
    // a kill and a coordinator outage) is given up after 18 s (max.poll.interval.ms + 3 s) instead of 303.
    private static readonly IReadOnlyDictionary<string, string> MockBrokerSettings = new Dictionary<string, string>
    {
        ["Kafka__FetchWaitMaxMs"] = "5",
        ["Kafka__SessionTimeoutMs"] = "4000",
        ["Kafka__SocketTimeoutMs"] = "10000",
        ["Kafka__MaxPollIntervalMs"] = "15000",
    };

    // What a reference gives a service: ConnectionStrings__{name} and services__{name}__{endpoint}__N, the only two
    // forms the services read (README → Configuration the services read). Aspire's default would add each resource's
    // connection properties (ORDERSDB_PASSWORD, ORDERSDB_URI with the password in it, CACHE_URI, ...) and endpoint
    // variables (INVENTORY_HTTP); nothing reads them, and azd turns a URI holding a password into a plain environment
    // variable of the container app rather than a secret.
    private const ReferenceEnvironmentInjectionFlags ReferenceEnvironment =
        ReferenceEnvironmentInjectionFlags.ConnectionString | ReferenceEnvironmentInjectionFlags.ServiceDiscovery;

    /// <summary>What every service gets: replicas, topic partitions, only the reference variables it reads, and
    /// <c>/health</c> as its health check; in run mode also the shared-machine runtime settings above and the
    /// diagnostics endpoints, and with local infrastructure the mock broker's settings. The published manifest
    /// (publish mode, always container infrastructure) therefore has none of the local-only settings.</summary>
    public static IResourceBuilder<ProjectResource> WithShopServiceSettings(
        this IResourceBuilder<ProjectResource> service, ShopInfrastructure infrastructure, IResourceBuilder<ParameterResource> partitions,
        int replicas)
    {
        service.WithReplicas(replicas)
            .WithReferenceEnvironment(ReferenceEnvironment)
            .WithEnvironment("Kafka__Partitions", partitions)
            .WithHttpHealthCheck("/health");
        if (service.ApplicationBuilder.ExecutionContext.IsRunMode)
        {
            // Not when published: a container app is not a machine shared with PostgreSQL and the other services, and
            // the publishing machine's own environment has no business in the manifest.
            foreach (var (name, value) in SharedMachineRuntimeSettings)
            {
                service.WithEnvironment(name, Environment.GetEnvironmentVariable(name) ?? value);
            }

            service.WithEnvironment("Shop__Diagnostics__Enabled", "true");
        }

        if (infrastructure.Mode == InfrastructureMode.Local)
        {
            foreach (var (name, value) in MockBrokerSettings)
            {
                service.WithEnvironment(name, value);
            }
        }

        return service;
    }
}
