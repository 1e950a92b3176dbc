using Shop.Messaging.Kafka;

namespace Shop.LocalHost;

/// <summary>How to run the local topology. The defaults are those of <c>./shop run</c>.</summary>
public sealed record LocalTopologyOptions
{
    private readonly string? _stateFilePath;
    private readonly bool _stateFilePathSet;
    private readonly string? _logDirectory;

    /// <summary>Repository root; the services' build output is found under it. Default: where LocalHost was built
    /// from, or the environment variable <c>SHOP_REPO_ROOT</c>.</summary>
    public string RepoRoot { get; init; } = BuildInfo.RepoRoot;

    /// <summary>Build configuration of the services to start (<c>bin/{Configuration}</c>); default: LocalHost's own.</summary>
    public string Configuration { get; init; } = BuildInfo.Configuration;

    /// <summary><c>DOTNET_ENVIRONMENT</c> and <c>ASPNETCORE_ENVIRONMENT</c> of the services.</summary>
    public string EnvironmentName { get; init; } = "Development";

    /// <summary>Which services to start (names from <see cref="ShopServices"/>); empty runs the infrastructure only.</summary>
    public IReadOnlyList<string> Services { get; init; } = ShopServices.Names;

    /// <summary>Processes per service. With more than one, instances are named <c>orders-1</c>, <c>orders-2</c>, ...
    /// and every other service gets all their URLs (<c>services__orders__http__0</c>, <c>__1</c>, ...).</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>Partitions of every topic (<c>Kafka__Partitions</c> for the services too).</summary>
    public int KafkaPartitions { get; init; } = 6;

    public int KafkaBrokers { get; init; } = 3;

    /// <summary>Topics created on the mock cluster before any service starts.</summary>
    public IReadOnlyList<string> KafkaTopics { get; init; } = Topics.All;

    /// <summary>Where the state file goes; default <c>{RepoRoot}/.shop/state.json</c>; null for none (tests that
    /// must not disturb a running <c>./shop run</c>).</summary>
    public string? StateFilePath
    {
        get => _stateFilePathSet ? _stateFilePath : Path.Combine(RepoRoot, ".shop", "state.json");
        init
        {
            _stateFilePath = value;
            _stateFilePathSet = true;
        }
    }

    /// <summary>One <c>{name}.log</c> per component; default <c>{RepoRoot}/.shop/logs</c>. Kept after the run.</summary>
    public string LogDirectory
    {
        get => _logDirectory ?? Path.Combine(RepoRoot, ".shop", "logs");
        init => _logDirectory = value;
    }

    /// <summary>Parent of the runs' throw-away data (database files); each run's folder is removed when it stops.</summary>
    public string DataRoot { get; init; } = Path.Combine(Path.GetTempPath(), $"shop-aspire-{Environment.UserName}");

    /// <summary>Extra environment variables per service, keyed by service name (<c>orders</c>: every instance)
    /// or instance name (<c>orders-2</c>). Applied last, so they can override what LocalHost sets.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ServiceEnvironment { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>Receives every output line of every component (component name, line), e.g. to echo it.</summary>
    public Action<string, string>? OutputLine { get; init; }

    /// <summary>Receives LocalHost's own progress and supervision notes (starts, exits, restarts).</summary>
    public Action<string>? Notes { get; init; }

    /// <summary>Pause before restarting a process that exited on its own; doubles while it keeps crashing.</summary>
    public TimeSpan RestartDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxRestartDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a process may take to stop after its stop signal before it is killed.</summary>
    public TimeSpan StopGracePeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long PostgreSQL, Redis and Kafka each may take to accept connections.</summary>
    public TimeSpan InfrastructureStartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Replicas, 1, nameof(Replicas));
        ArgumentOutOfRangeException.ThrowIfLessThan(KafkaPartitions, 1, nameof(KafkaPartitions));
        ArgumentOutOfRangeException.ThrowIfLessThan(KafkaBrokers, 1, nameof(KafkaBrokers));
        ArgumentException.ThrowIfNullOrWhiteSpace(EnvironmentName, nameof(EnvironmentName));
        foreach (var service in Services)
        {
            ShopServices.Get(service);
        }
    }
}
