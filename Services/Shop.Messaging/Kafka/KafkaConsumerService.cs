using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Shop.Messaging.Envelope;
using Shop.Messaging.Hosting;

namespace Shop.Messaging.Kafka;

/// <summary>
/// Runs one <see cref="KafkaSubscription"/>: consumes records in partition order (partitions concurrently, see
/// <see cref="PartitionWorker"/>), hands each to the handler in its own DI scope, retries transient failures with backoff, moves a record that can never
/// succeed to <c>&lt;topic&gt;.dlq</c> with the reason in headers, and only then stores its offset.
/// </summary>
public sealed partial class KafkaConsumerService(
    KafkaSubscription subscription,
    KafkaClientFactory clients,
    KafkaTopicsReadiness topics,
    KafkaProducer producer,
    IServiceScopeFactory scopes,
    ILogger<KafkaConsumerService> logger) : BackgroundService
{
    // How often the loop looks up from Consume (for a stop request or a failed partition worker) when no record comes.
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);

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
        using var consumer = clients.CreateConsumer(subscription.GroupId, onRevoked: Stop, onAssigned: replay is null ? null : replay.StartingOffsets);
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
                    partitionWorker = new PartitionWorker((r, token) => HandleAndStoreAsync(consumer, r, token), stoppingToken);
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
            Stop([.. workers.Keys]);
            // Close commits the stored offsets and leaves the group at once, so partitions move to
            // another replica without waiting for the session to time out.
            consumer.Close();
        }
    }

    private async Task HandleAndStoreAsync(IConsumer<string, byte[]> consumer, ConsumeResult<string, byte[]> record, CancellationToken cancellationToken)
    {
        await HandleWithRetries(record, cancellationToken);
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
