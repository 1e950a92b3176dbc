using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Shop.Messaging.Envelope;
using Shop.Messaging.Hosting;

namespace Shop.Messaging.Kafka;

/// <summary>
/// Runs one <see cref="KafkaSubscription"/>: consumes records in partition order (partitions concurrently, see
/// <see cref="PartitionWorker"/>), hands each to the handler in its own DI scope, retries transient failures with backoff, moves a record that can never
/// succeed to <c>&lt;topic&gt;.dlq</c> with the reason in headers, and only then stores its offset. A handler that is an
/// <see cref="IKafkaBatchHandler"/> gets the records that queued up on a busy partition together, in one scope; if
/// such a batch fails, its records go through the one-at-a-time path above, so only a bad record meets retries or the
/// dead-letter topic, exactly as it would have alone.
/// </summary>
public sealed partial class KafkaConsumerService(
    KafkaSubscription subscription,
    KafkaClientFactory clients,
    KafkaTopicsReadiness topics,
    KafkaConsumerAssignments assignments,
    KafkaProducer producer,
    IServiceScopeFactory scopes,
    IOptions<KafkaOptions> options,
    ILogger<KafkaConsumerService> logger) : BackgroundService
{
    // How often the loop looks up from Consume (for a stop request or a failed partition worker) when no record comes.
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);

    private readonly int _maxBatchSize =
        subscription.Batching && typeof(IKafkaBatchHandler).IsAssignableFrom(subscription.HandlerType) ? options.Value.MaxBatchSize : 1;

    internal KafkaSubscription Subscription => subscription;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        assignments.Register(subscription.GroupId);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await topics.WhenReady(stoppingToken);
        // Consume() blocks; a dedicated thread keeps it from starving the thread pool.
        await Task.Factory.StartNew(
            () => ConsumeLoop(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private void ConsumeLoop(CancellationToken stoppingToken)
    {
        // One worker per partition with records: partitions are handled concurrently, each one in order.
        var workers = new Dictionary<TopicPartition, PartitionWorker>();
        void Stop(IEnumerable<TopicPartition> partitions)
        {
            foreach (var partition in partitions)
            {
                if (workers.Remove(partition, out var worker))
                {
                    worker.DisposeAsync().AsTask().GetAwaiter().GetResult();
                }
            }
        }

        var replay = clients.Options.ReplayOnStart ? new ReplayFromFirstRecord(subscription.GroupId, logger) : null;
        IEnumerable<TopicPartitionOffset> Assigned(IReadOnlyList<TopicPartition> partitions)
        {
            assignments.MarkAssigned(subscription.GroupId);
            return replay is null ? partitions.Select(partition => new TopicPartitionOffset(partition, Offset.Unset)) : replay.StartingOffsets(partitions);
        }

        using var consumer = clients.CreateConsumer(
            subscription.GroupId, onRevoked: Stop, onAssigned: Assigned, onOrderPath: subscription.OnOrderPath);
        consumer.Subscribe(subscription.Topics);
        LogSubscribed(subscription.GroupId, string.Join(", ", subscription.Topics));
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                ConsumeResult<string, byte[]>? record;
                try
                {
                    record = consumer.Consume(PollTimeout);
                }
                catch (ConsumeException ex) when (!ex.Error.IsFatal)
                {
                    LogConsumeError(ex.Error.Reason);
                    continue;
                }

                if (workers.Values.Select(w => w.Failure).FirstOrDefault(f => f is not null) is { } failure)
                {
                    throw new InvalidOperationException($"Handling a record of {subscription.GroupId} failed unexpectedly", failure);
                }

                if (record is null || record.IsPartitionEOF)
                {
                    continue;
                }

                if (!workers.TryGetValue(record.TopicPartition, out var partitionWorker))
                {
                    partitionWorker = new PartitionWorker(
                        (records, token) => HandleAsync(records, r => StoreOffset(consumer, r), token), _maxBatchSize, stoppingToken);
                    workers[record.TopicPartition] = partitionWorker;
                }

                partitionWorker.Enqueue(record);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            assignments.MarkStopped(subscription.GroupId);
            Stop([.. workers.Keys]);
            // Close commits the stored offsets and leaves the group at once, so partitions move to
            // another replica without waiting for the session to time out.
            consumer.Close();
        }
    }

    /// <summary>
    /// Handles <paramref name="records"/> (of one partition, in offset order) and calls <paramref name="storeOffset"/>
    /// for each record whose handling is over, or only for the last one when they were handled together.
    /// </summary>
    internal async Task HandleAsync(
        IReadOnlyList<ConsumeResult<string, byte[]>> records,
        Action<ConsumeResult<string, byte[]>> storeOffset,
        CancellationToken cancellationToken)
    {
        MessagingTelemetry.BatchSize.Record(records.Count, new KeyValuePair<string, object?>("messaging.consumer.group.name", subscription.GroupId));
        if (records.Count > 1 && await TryHandleBatchAsync(records, cancellationToken))
        {
            storeOffset(records[^1]);
            return;
        }

        foreach (var record in records)
        {
            await HandleWithRetries(record, cancellationToken);
            storeOffset(record);
        }
    }

    /// <summary>One attempt at the records as one unit; false if it failed, in which case nothing of it took effect.</summary>
    private async Task<bool> TryHandleBatchAsync(IReadOnlyList<ConsumeResult<string, byte[]>> records, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var handler = (IKafkaBatchHandler)scope.ServiceProvider.GetRequiredService(subscription.HandlerType);
            await handler.HandleBatchAsync(records, stoppingToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // Not counted against any record's attempts: the one-at-a-time path finds out which record, if any, is at fault.
            MessagingTelemetry.BatchFallbacks.Add(1);
            LogBatchFailed(records.Count, records[0].TopicPartitionOffset.ToString(), ex.Message);
            return false;
        }
    }

    private void StoreOffset(IConsumer<string, byte[]> consumer, ConsumeResult<string, byte[]> record)
    {
        try
        {
            consumer.StoreOffset(record);
        }
        catch (KafkaException ex)
        {
            // The partition was revoked while the record was being handled: its new owner will get
            // the record again, which at-least-once delivery (and the handlers' idempotence) allows.
            LogStoreOffsetFailed(record.TopicPartitionOffset.ToString(), ex.Error.Reason);
        }
    }

    private async Task HandleWithRetries(ConsumeResult<string, byte[]> record, CancellationToken stoppingToken)
    {
        var backoff = new RetryBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10));
        var failures = 0;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var handler = (IKafkaRecordHandler)scope.ServiceProvider.GetRequiredService(subscription.HandlerType);
                await handler.HandleAsync(record, stoppingToken);
                return;
            }
            catch (PermanentMessageException ex)
            {
                await DeadLetterAsync(record, ex.Reason, ex, stoppingToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The database being away (a restart, a failover) says nothing about the record: it is waited for
                // however long it takes, like the broker. Counted as failures, an outage longer than the attempts
                // dead-lettered good records, and their orders never finished.
                if (!IsDatabaseAway(ex) && ++failures >= subscription.MaxAttempts)
                {
                    await DeadLetterAsync(record, "retries-exhausted", ex, stoppingToken);
                    return;
                }

                var delay = backoff.Next();
                LogRetrying(record.TopicPartitionOffset.ToString(), attempt, delay.TotalMilliseconds, ex.Message);
                await Task.Delay(delay, stoppingToken);
            }
        }
    }

    private static bool IsDatabaseAway(Exception ex)
    {
        for (var cause = ex; cause is not null; cause = cause.InnerException)
        {
            if (cause is NpgsqlException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }

    private async Task DeadLetterAsync(
        ConsumeResult<string, byte[]> record, string reason, Exception error, CancellationToken stoppingToken)
    {
        var headers = new Headers();
        foreach (var header in record.Message.Headers ?? [])
        {
            headers.Add(header.Key, header.GetValueBytes());
        }

        headers.Add(MessageHeaders.DeadLetterReason, Encoding.UTF8.GetBytes(reason));
        headers.Add(MessageHeaders.DeadLetterError, Encoding.UTF8.GetBytes(Truncate(error.Message, 2_000)));
        headers.Add(MessageHeaders.DeadLetterSourceTopic, Encoding.UTF8.GetBytes(record.Topic));
        headers.Add(MessageHeaders.DeadLetterSourcePartition, Encoding.UTF8.GetBytes(record.Partition.Value.ToString()));
        headers.Add(MessageHeaders.DeadLetterSourceOffset, Encoding.UTF8.GetBytes(record.Offset.Value.ToString()));
        headers.Add(MessageHeaders.DeadLetterConsumerGroup, Encoding.UTF8.GetBytes(subscription.GroupId));

        // The offset moves on only once the DLQ holds the record: nothing is dropped silently,
        // so a broker outage here means waiting, not skipping.
        var deadLetter = new Message<string, byte[]> { Key = record.Message.Key, Value = record.Message.Value, Headers = headers };
        var backoff = RetryBackoff.Default();
        while (true)
        {
            try
            {
                await producer.ProduceAsync(Topics.DeadLetter(record.Topic), deadLetter, stoppingToken);
                break;
            }
            catch (KafkaException ex)
            {
                var delay = backoff.Next();
                LogDeadLetterFailed(record.TopicPartitionOffset.ToString(), ex.Error.Reason, delay.TotalSeconds);
                await Task.Delay(delay, stoppingToken);
            }
        }

        LogDeadLettered(record.TopicPartitionOffset.ToString(), reason, error.Message);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Handling {Count} records from {FirstRecord} together failed; handling them one at a time: {Error}")]
    private partial void LogBatchFailed(int count, string firstRecord, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store the offset of {Record}: {Reason}")]
    private partial void LogStoreOffsetFailed(string record, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not dead-letter {Record}: {Reason}; retrying in {DelaySeconds:0.0} s")]
    private partial void LogDeadLetterFailed(string record, string reason, double delaySeconds);

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    [LoggerMessage(Level = LogLevel.Information, Message = "Consumer group {GroupId} subscribed to {Topics}")]
    private partial void LogSubscribed(string groupId, string topics);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka consume error: {Reason}")]
    private partial void LogConsumeError(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handling {Record} failed (attempt {Attempt}); retrying in {DelayMs:0} ms: {Error}")]
    private partial void LogRetrying(string record, int attempt, double delayMs, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Moved {Record} to the dead-letter topic ({Reason}): {Error}")]
    private partial void LogDeadLettered(string record, string reason, string error);
}
