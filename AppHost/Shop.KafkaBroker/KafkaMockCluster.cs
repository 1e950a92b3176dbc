using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;

namespace Shop.KafkaBroker;

/// <summary>
/// The Kafka broker of the local topology: librdkafka's mock cluster (DESIGN §6), living inside this process
/// and listening on loopback ports that other processes reach with ordinary Kafka clients. It keeps everything
/// in memory, does not implement the CreateTopics admin API (a client asking for it waits for a controller
/// until it times out), so topics are created here, up front. Fault injection is exposed for tests.
/// </summary>
public sealed class KafkaMockCluster : IDisposable
{
    private const int ErrorBufferSize = 512;

    private readonly Lock _gate = new();
    private IntPtr _client;
    private IntPtr _cluster;

    private KafkaMockCluster(IntPtr client, IntPtr cluster, int brokerCount)
    {
        _client = client;
        _cluster = cluster;
        BrokerCount = brokerCount;
        BootstrapServers = Marshal.PtrToStringUTF8(LibRdKafka.rd_kafka_mock_cluster_bootstraps(cluster))
            ?? throw new InvalidOperationException("the Kafka mock cluster reported no bootstrap servers");
        BrokerPorts = [.. BootstrapServers.Split(',').Select(address => int.Parse(address[(address.LastIndexOf(':') + 1)..]))];
    }

    /// <summary>The value for <c>ConnectionStrings__kafka</c>: <c>127.0.0.1:port,...</c>, one entry per broker.</summary>
    public string BootstrapServers { get; }

    /// <summary>Brokers have ids 1 to <see cref="BrokerCount"/>.</summary>
    public int BrokerCount { get; }

    /// <summary>Broker ports in broker-id order.</summary>
    public IReadOnlyList<int> BrokerPorts { get; }

    /// <summary>Starts a mock cluster of <paramref name="brokerCount"/> brokers.</summary>
    public static unsafe KafkaMockCluster Start(int brokerCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerCount, 1);
        var errors = stackalloc byte[ErrorBufferSize];
        var configuration = LibRdKafka.rd_kafka_conf_new();
        // This client only anchors the cluster (librdkafka needs one); it never connects anywhere, and at the
        // default level it would print a notice that it has no bootstrap servers.
        if (LibRdKafka.rd_kafka_conf_set(configuration, "log_level", "4", errors, ErrorBufferSize) != LibRdKafka.ConfOk)
        {
            LibRdKafka.rd_kafka_conf_destroy(configuration);
            throw new InvalidOperationException($"librdkafka configuration failed: {ReadError(errors)}");
        }

        var client = LibRdKafka.rd_kafka_new(LibRdKafka.ProducerType, configuration, errors, ErrorBufferSize);
        if (client == IntPtr.Zero)
        {
            LibRdKafka.rd_kafka_conf_destroy(configuration); // rd_kafka_new takes ownership only on success
            throw new InvalidOperationException($"librdkafka could not create a client: {ReadError(errors)}");
        }

        var cluster = LibRdKafka.rd_kafka_mock_cluster_new(client, brokerCount);
        if (cluster == IntPtr.Zero)
        {
            LibRdKafka.rd_kafka_destroy(client);
            throw new InvalidOperationException("librdkafka could not create the mock cluster (no loopback ports?)");
        }

        return new KafkaMockCluster(client, cluster, brokerCount);
    }

    /// <summary>Creates a topic; its partitions' leaders are spread over the brokers.</summary>
    public void CreateTopic(string topic, int partitions, int replicationFactor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        Check(LibRdKafka.rd_kafka_mock_topic_create(Handle(), topic, partitions, replicationFactor), $"create topic {topic}");
    }

    /// <summary>Creates each topic with <paramref name="partitions"/> partitions, replicated to up to three brokers.</summary>
    public void CreateTopics(IEnumerable<string> topics, int partitions)
    {
        foreach (var topic in topics)
        {
            CreateTopic(topic, partitions, Math.Min(3, BrokerCount));
        }
    }

    /// <summary>
    /// Waits until an ordinary Kafka client sees every topic with its partitions through the bootstrap
    /// servers: the same path the services take, so a broken listener fails here rather than in four services.
    /// </summary>
    public async Task WaitUntilTopicsVisibleAsync(
        IReadOnlyCollection<string> topics, int partitions, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig
        {
            BootstrapServers = BootstrapServers,
            ClientId = "shop-kafka-broker",
        }).Build();
        var deadline = DateTimeOffset.UtcNow + timeout;
        var missing = topics.ToList();
        while (true)
        {
            try
            {
                var metadata = await Task.Run(() => admin.GetMetadata(TimeSpan.FromSeconds(2)), cancellationToken);
                var ready = metadata.Topics
                    .Where(topic => topic.Error.Code == ErrorCode.NoError && topic.Partitions.Count == partitions)
                    .Select(topic => topic.Topic)
                    .ToHashSet(StringComparer.Ordinal);
                missing = [.. topics.Where(topic => !ready.Contains(topic))];
                if (missing.Count == 0)
                {
                    return;
                }
            }
            catch (KafkaException)
            {
                // Not answering yet; the deadline decides.
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"kafka: the mock cluster at {BootstrapServers} did not show topics {string.Join(", ", missing)} " +
                    $"with {partitions} partitions within {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    /// <summary>Takes a broker down: its connections close and new ones are refused until <see cref="SetBrokerUp"/>.</summary>
    public void SetBrokerDown(int brokerId) =>
        Check(LibRdKafka.rd_kafka_mock_broker_set_down(Handle(), brokerId), $"set broker {brokerId} down");

    public void SetBrokerUp(int brokerId) =>
        Check(LibRdKafka.rd_kafka_mock_broker_set_up(Handle(), brokerId), $"set broker {brokerId} up");

    /// <summary>Delays every response of a broker by <paramref name="roundTrip"/>.</summary>
    public void SetBrokerRoundTripTime(int brokerId, TimeSpan roundTrip) =>
        Check(LibRdKafka.rd_kafka_mock_broker_set_rtt(Handle(), brokerId, (int)roundTrip.TotalMilliseconds), $"set broker {brokerId} rtt");

    public void SetPartitionLeader(string topic, int partition, int brokerId) =>
        Check(LibRdKafka.rd_kafka_mock_partition_set_leader(Handle(), topic, partition, brokerId), $"move {topic}/{partition} to broker {brokerId}");

    /// <summary>
    /// Makes the next requests of type <paramref name="apiKey"/>, on any broker, fail with these errors in
    /// order, one request per error. <see cref="ErrorCode.Local_Transport"/> makes the broker drop the connection.
    /// </summary>
    public unsafe void PushRequestErrors(KafkaApiKey apiKey, params ErrorCode[] errors)
    {
        var codes = errors.Select(error => (int)error).ToArray();
        fixed (int* first = codes)
        {
            LibRdKafka.rd_kafka_mock_push_request_errors_array(Handle(), (short)apiKey, (nuint)codes.Length, first);
        }
    }

    public void ClearRequestErrors(KafkaApiKey apiKey) =>
        LibRdKafka.rd_kafka_mock_clear_request_errors(Handle(), (short)apiKey);

    /// <summary>How long a new consumer group waits for more members before its first assignment.</summary>
    public void SetGroupInitialRebalanceDelay(TimeSpan delay) =>
        LibRdKafka.rd_kafka_mock_group_initial_rebalance_delay_ms(Handle(), (int)delay.TotalMilliseconds);

    public void Dispose()
    {
        lock (_gate)
        {
            if (_cluster == IntPtr.Zero)
            {
                return;
            }

            LibRdKafka.rd_kafka_mock_cluster_destroy(_cluster);
            LibRdKafka.rd_kafka_destroy(_client);
            _cluster = IntPtr.Zero;
            _client = IntPtr.Zero;
        }
    }

    private IntPtr Handle()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_cluster == IntPtr.Zero, this);
            return _cluster;
        }
    }

    private static void Check(int error, string action)
    {
        if (error != 0)
        {
            throw new InvalidOperationException($"Kafka mock cluster: {action} failed: {LibRdKafka.ErrorText(error)}");
        }
    }

    private static unsafe string ReadError(byte* errors) => Encoding.UTF8.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(errors));
}
