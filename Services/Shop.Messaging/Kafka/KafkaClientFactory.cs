using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Shop.Messaging.Kafka;

/// <summary>Builds Confluent.Kafka clients with the project's settings in one place, and routes
/// librdkafka's own log and error callbacks into the host's logging instead of stderr.</summary>
public sealed partial class KafkaClientFactory(
    IOptions<KafkaOptions> options, MessagingIdentity identity, ILogger<KafkaClientFactory> logger)
{
    public KafkaOptions Options => options.Value;

    public IAdminClient CreateAdminClient() =>
        new AdminClientBuilder(new AdminClientConfig
        {
            BootstrapServers = Options.BootstrapServers,
            ClientId = $"{identity.ServiceName}-admin",
            SocketTimeoutMs = Options.SocketTimeoutMs,
        })
        .SetLogHandler((_, message) => OnLog(message))
        .SetErrorHandler((_, error) => OnError(error))
        .Build();

    public IProducer<string, byte[]> CreateProducer() =>
        new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = Options.BootstrapServers,
            ClientId = $"{identity.ServiceName}-producer",
            SocketTimeoutMs = Options.SocketTimeoutMs,
            // Idempotence (implies acks=all and bounded in-flight requests) keeps per-key order
            // and prevents broker-side duplicates when a send is retried.
            EnableIdempotence = true,
            Acks = Acks.All,
            // Every record is on a saga's critical path, and the relay already hands over whole batches: waiting
            // for more records to join a request only adds latency. Records produced while a request is in flight
            // still travel together in the next one.
            LingerMs = 0,
            // Requests are small; Nagle's algorithm would hold one back until the previous one is acknowledged.
            SocketNagleDisable = true,
            // No local timeout: a record is retried until the broker takes it. With idempotence that keeps every
            // partition gapless and in order, which the outbox relay relies on (a timed-out record followed by a
            // delivered one would reach consumers out of order once the relay re-sent it). Nothing waits forever
            // on this: the relay's rows stay in the outbox until acknowledged, and shutdown flushes with a limit.
            MessageTimeoutMs = 0,
        })
        .SetLogHandler((_, message) => OnLog(message))
        .SetErrorHandler((_, error) => OnError(error))
        .Build();

    /// <param name="groupId">The consumer group.</param>
    /// <param name="onRevoked">Called on the consuming thread when partitions are taken away (or lost), before
    /// they go: the caller finishes or abandons their records there.</param>
    /// <param name="onAssigned">Called on the consuming thread with partitions newly assigned; returns where to start
    /// each (<see cref="Offset.Unset"/>: the committed offset). Null: always the committed offset.</param>
    /// <param name="onOrderPath">False for a consumer no order waits on: it long-polls at least
    /// <see cref="KafkaOptions.OffPathFetchWaitMaxMs"/> (see <see cref="KafkaSubscription.OnOrderPath"/>).</param>
    public IConsumer<string, byte[]> CreateConsumer(
        string groupId,
        Action<IReadOnlyList<TopicPartition>>? onRevoked = null,
        Func<IReadOnlyList<TopicPartition>, IEnumerable<TopicPartitionOffset>>? onAssigned = null,
        bool onOrderPath = true) =>
        new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = Options.BootstrapServers,
            ClientId = $"{identity.ServiceName}-{identity.InstanceId}",
            SocketTimeoutMs = Options.SocketTimeoutMs,
            // Fetch requests are small; Nagle's algorithm would hold one back until the previous one is acknowledged.
            SocketNagleDisable = true,
            GroupId = groupId,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            // Offsets are stored only after a record is fully handled, then committed in the background:
            // at-least-once delivery; the handler side makes it effectively once.
            EnableAutoCommit = true,
            EnableAutoOffsetStore = false,
            AutoCommitIntervalMs = 1_000,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
            SessionTimeoutMs = Options.SessionTimeoutMs,
            HeartbeatIntervalMs = Math.Max(100, Options.SessionTimeoutMs / 3),
            MaxPollIntervalMs = Options.MaxPollIntervalMs,
            AllowAutoCreateTopics = false,
            FetchWaitMaxMs = onOrderPath ? Options.FetchWaitMaxMs : Math.Max(Options.FetchWaitMaxMs, Options.OffPathFetchWaitMaxMs),
            Debug = string.IsNullOrWhiteSpace(Options.Debug) ? null : Options.Debug,
        })
        .SetLogHandler((_, message) => OnLog(message))
        .SetErrorHandler((_, error) => OnError(error))
        .SetPartitionsRevokedHandler((_, revoked) => onRevoked?.Invoke([.. revoked.Select(p => p.TopicPartition)]))
        .SetPartitionsAssignedHandler((_, assigned) =>
            onAssigned?.Invoke(assigned) ?? assigned.Select(partition => new TopicPartitionOffset(partition, Offset.Unset)))
        .Build();

    private void OnLog(LogMessage message)
    {
        var level = message.Level switch
        {
            SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical => LogLevel.Critical,
            SyslogLevel.Error => LogLevel.Error,
            SyslogLevel.Warning => LogLevel.Warning,
            SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
            _ => LogLevel.Debug,
        };
        LogLibrdkafka(level, message.Name, message.Facility, message.Message);
    }

    private void OnError(Error error)
    {
        // A broker that is away is reported by every client many times a second while it reconnects;
        // the health check and the retry loops already say so once, at warning level.
        var level = error.IsFatal ? LogLevel.Critical
            : error.Code is ErrorCode.Local_AllBrokersDown or ErrorCode.Local_Transport ? LogLevel.Debug
            : LogLevel.Warning;
        LogClientError(level, error.Code, error.Reason);
    }

    [LoggerMessage(Message = "librdkafka {Client} {Facility}: {Message}")]
    private partial void LogLibrdkafka(LogLevel level, string client, string facility, string message);

    [LoggerMessage(Message = "Kafka client error {Code}: {Reason}")]
    private partial void LogClientError(LogLevel level, ErrorCode code, string reason);
}
