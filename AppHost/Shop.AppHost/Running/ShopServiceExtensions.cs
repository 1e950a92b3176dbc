using Shop.AppHost.Infrastructure;

namespace Shop.AppHost.Running;

public static class ShopServiceExtensions
{
    // Runtime settings for every service, because here they share one machine with PostgreSQL and each other. Server
    // GC's per-core heaps and tiered PGO's extra instrumented compile of every hot method are worth their CPU on a
    // host with cores to spare, not here (LocalHost measured 57-63 against 85-214 ms of CPU per saga, closed loop).
    // A value in the AppHost's own environment wins, so either can be measured the other way.
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

    /// <summary>What every service gets: replicas, topic partitions, the runtime settings above, the diagnostics
    /// endpoints in run mode, the mock broker's settings with local infrastructure, and <c>/health</c> as its health check.</summary>
    public static IResourceBuilder<ProjectResource> WithShopServiceSettings(
        this IResourceBuilder<ProjectResource> service, ShopInfrastructure infrastructure, IResourceBuilder<ParameterResource> partitions,
        int replicas)
    {
        service.WithReplicas(replicas)
            .WithEnvironment("Kafka__Partitions", partitions)
            .WithHttpHealthCheck("/health");
        foreach (var (name, value) in SharedMachineRuntimeSettings)
        {
            service.WithEnvironment(name, Environment.GetEnvironmentVariable(name) ?? value);
        }

        if (service.ApplicationBuilder.ExecutionContext.IsRunMode)
        {
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
