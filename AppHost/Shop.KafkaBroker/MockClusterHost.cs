using Microsoft.Extensions.Options;
using Shop.Messaging.Kafka;

namespace Shop.KafkaBroker;

/// <summary>Starts the mock cluster with every topic of the project (and any extra ones), and keeps track of which brokers are down.</summary>
public sealed partial class MockClusterHost(IOptions<BrokerOptions> options, ILogger<MockClusterHost> logger) : IHostedService, IDisposable
{
    private readonly TaskCompletionSource<KafkaMockCluster> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HashSet<int> _down = [];
    private readonly Lock _gate = new();
    private KafkaMockCluster? _cluster;

    /// <summary>True once every topic is visible to an ordinary client.</summary>
    public bool Ready { get; private set; }

    public Task<KafkaMockCluster> Started => _started.Task;

    public KafkaMockCluster Cluster => _cluster ?? throw new InvalidOperationException("the mock cluster has not started");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (LibRdKafkaLibrary.LoadedPath is null)
        {
            throw new InvalidOperationException($"librdkafka does not load here; missing: {LibRdKafkaLibrary.Problem}");
        }

        var topics = Topics.All.Concat(settings.ExtraTopics).Distinct().ToList();
        _cluster = KafkaMockCluster.Start(settings.Brokers);
        _cluster.CreateTopics(topics, settings.Partitions);
        // Kafka's default 3 s wait for more members before a new group's first assignment only delays every service
        // start (and restart) here; real brokers keep their own setting.
        _cluster.SetGroupInitialRebalanceDelay(TimeSpan.Zero);
        _started.SetResult(_cluster);
        LogStarted(settings.Brokers, _cluster.BootstrapServers, topics.Count, settings.Partitions);
        await _cluster.WaitUntilTopicsVisibleAsync(topics, settings.Partitions, settings.StartTimeout, cancellationToken);
        Ready = true;
        LogReady();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A broker's port that is up, for a new bootstrap connection (brokers in id order).</summary>
    public int? PortOfABrokerThatIsUp()
    {
        var cluster = Cluster;
        lock (_gate)
        {
            for (var id = 1; id <= cluster.BrokerCount; id++)
            {
                if (!_down.Contains(id))
                {
                    return cluster.BrokerPorts[id - 1];
                }
            }
        }

        return null;
    }

    public bool IsDown(int brokerId)
    {
        lock (_gate)
        {
            return _down.Contains(brokerId);
        }
    }

    public void SetBrokerDown(int brokerId)
    {
        Cluster.SetBrokerDown(brokerId);
        lock (_gate)
        {
            _down.Add(brokerId);
        }

        LogBrokerDown(brokerId);
    }

    public void SetBrokerUp(int brokerId)
    {
        Cluster.SetBrokerUp(brokerId);
        lock (_gate)
        {
            _down.Remove(brokerId);
        }

        LogBrokerUp(brokerId);
    }

    public void Dispose() => _cluster?.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Mock cluster of {Brokers} brokers at {BootstrapServers}; {Topics} topics of {Partitions} partitions created")]
    private partial void LogStarted(int brokers, string bootstrapServers, int topics, int partitions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Every topic is visible through the bootstrap servers: ready")]
    private partial void LogReady();

    [LoggerMessage(Level = LogLevel.Information, Message = "Broker {BrokerId} taken down")]
    private partial void LogBrokerDown(int brokerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Broker {BrokerId} up again")]
    private partial void LogBrokerUp(int brokerId);
}
