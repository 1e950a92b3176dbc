namespace Shop.AppHost.Testing;

/// <summary>How <see cref="ShopAppHost"/> starts the AppHost: its configuration (<c>Shop:*</c>, parameters) and what
/// the services get on top of what the AppHost gives them.</summary>
public sealed record ShopAppHostOptions
{
    /// <summary>Processes per service (<c>Shop:Replicas</c>), one consumer group.</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>Partitions of every topic (the <c>kafka-partitions</c> parameter).</summary>
    public int KafkaPartitions { get; init; } = 6;

    /// <summary>Brokers of the local broker's mock cluster (ids 1 to N).</summary>
    public int KafkaBrokers { get; init; } = 3;

    /// <summary>Topics the local broker creates besides the shop's own (a test's own topics).</summary>
    public IReadOnlyList<string> ExtraKafkaTopics { get; init; } = [];

    /// <summary>AppHost parameters by name, e.g. <c>saga-charge-payment-deadline</c> = <c>00:00:06</c>.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Environment variables per service (by resource name), set over the AppHost's own.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ServiceEnvironment { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>The AppHost's state file (<c>Shop:StateFile</c>); none when null.</summary>
    public string? StateFilePath { get; init; }

    /// <summary>The AppHost's own warm-up order before it reports ready (<c>Shop:WarmUp</c>).</summary>
    public bool WarmUp { get; init; }

    /// <summary>Building, the container images on a first run, and every instance healthy.</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>One operator action: a resource command, an instance healthy again after it.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMinutes(2);
}
