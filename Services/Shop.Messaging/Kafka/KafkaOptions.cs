namespace Shop.Messaging.Kafka;

/// <summary>Kafka settings shared by every service. Bound from the <c>Kafka</c> section; the bootstrap
/// servers come from <c>ConnectionStrings:kafka</c>, the form Aspire injects.</summary>
public sealed class KafkaOptions
{
    public const string SectionName = "Kafka";
    public const string ConnectionStringName = "kafka";

    public string BootstrapServers { get; set; } = "";

    /// <summary>Partitions for topics this service creates. Partitions bound consumer parallelism.</summary>
    public int Partitions { get; set; } = 6;

    /// <summary>Replication factor for topics this service creates; 1 fits a single dev broker.</summary>
    public short ReplicationFactor { get; set; } = 1;

    /// <summary>
    /// The consumer's <c>fetch.wait.max.ms</c>: how long the broker may hold a fetch that has no data yet. Kafka
    /// answers as soon as data arrives, so its default of 500 ms costs no latency there. librdkafka's mock cluster
    /// (LocalHost) holds an empty fetch for the whole wait and does not answer it when data arrives: a record waits
    /// for the held fetch to run out, then for a fresh fetch — on average half the wait plus a round trip, on each of
    /// the saga's 8 hops. LocalHost therefore sets 1 ms (a mock-broker setting, not one for real Kafka): measured with
    /// one consumer on the 3-broker mock, produce → consume took 3.7 ms at p50 with 5 ms, 2.4 ms with 2 and 1.4 ms with 1,
    /// and the idle consumer plus mock cost 40, 67 and 109 ms CPU per second (0 ms spins: 0.4 ms, 729 ms CPU/s).
    /// </summary>
    public int FetchWaitMaxMs { get; set; } = 500;

    /// <summary>
    /// The least <c>fetch.wait.max.ms</c> of consumers no order waits on (<see cref="KafkaSubscription.OnOrderPath"/>
    /// false: diagnostics pings), whatever <see cref="FetchWaitMaxMs"/> is: on the mock broker every empty fetch costs
    /// CPU, and such a consumer has no latency to buy with them. Ignored where <see cref="FetchWaitMaxMs"/> is longer.
    /// </summary>
    public int OffPathFetchWaitMaxMs { get; set; } = 100;

    /// <summary>
    /// The consumer's <c>session.timeout.ms</c>: how long the group coordinator waits for a member that stopped
    /// heartbeating (a killed process) before handing its partitions to the others; those partitions stand still
    /// meanwhile. Heartbeats go every third of it. Heartbeats come from librdkafka's own thread, so a busy or
    /// collecting .NET process does not miss them; LocalHost, whose processes are killed on purpose, sets it lower.
    /// </summary>
    public int SessionTimeoutMs { get; set; } = 10_000;

    /// <summary>
    /// The most records of one partition an inbox consumer handles in one transaction: those that queued up while the
    /// partition's previous transaction ran (it never waits for a batch to fill). Fewer commits under load; 1 turns
    /// batching off. A failed batch is handled again one record at a time, so a bad record still fails alone.
    /// </summary>
    public int MaxBatchSize { get; set; } = 64;

    /// <summary>
    /// librdkafka's <c>socket.timeout.ms</c> for every client: how long a request may go unanswered before it is failed
    /// and retried. With no message timeout (see the producer), a produce request stuck on a broker that went away without
    /// closing the connection waits this long before it is sent again. LocalHost, whose mock broker is taken down on
    /// purpose, sets it lower than librdkafka's 60 s.
    /// </summary>
    public int SocketTimeoutMs { get; set; } = 60_000;

    /// <summary>
    /// librdkafka's <c>max.poll.interval.ms</c> for every consumer: how long the consuming thread may go without polling
    /// before the consumer leaves its group, and with 3 s more how long a JoinGroup may stay unanswered before it is sent
    /// again. The consuming thread here only hands records to partition workers, so it polls every 100 ms. LocalHost sets
    /// it lower than librdkafka's 300 s: its mock broker sometimes never answers a JoinGroup after a member was killed
    /// and the coordinator disturbed, and the whole group (the killed member's partitions with it) waited for that.
    /// </summary>
    public int MaxPollIntervalMs { get; set; } = 300_000;

    /// <summary>librdkafka's <c>debug</c> contexts for every client (e.g. <c>cgrp,fetch</c>), logged at Debug level under
    /// <c>Shop.Messaging.Kafka.KafkaClientFactory</c>: how to see why a consumer group does not move. Empty: none.</summary>
    public string Debug { get; set; } = "";

    /// <summary>
    /// When true, this process consumes every partition it is assigned from the partition's first record, whatever
    /// offset the group committed (once per partition per process start; the offsets committed afterwards move on
    /// from there). It is how a service's topics are replayed without taking its group offline to reset offsets:
    /// every record goes through the inbox again, which skips those already handled — as long as the inbox still
    /// remembers them (<c>Messaging:Inbox:Retention</c>, 7 days, must stay above the topics' retention). Default false.
    /// </summary>
    public bool ReplayOnStart { get; set; }

    /// <summary>How long a health probe waits for the broker's metadata.</summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(3);
}
