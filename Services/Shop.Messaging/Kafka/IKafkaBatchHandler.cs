using Confluent.Kafka;

namespace Shop.Messaging.Kafka;

/// <summary>
/// An <see cref="IKafkaRecordHandler"/> that can also take several consecutive records of one partition as one unit
/// (one DI scope, one database transaction), which saves a commit per record under load. All or nothing: when it
/// returns, every record is done; when it throws, nothing of the batch took effect, and the consumer hands the
/// records to <see cref="IKafkaRecordHandler.HandleAsync"/> one at a time, so a bad record meets its retries or the
/// dead-letter topic alone. A <see cref="PermanentMessageException"/> thrown here therefore means "some record is bad".
/// </summary>
public interface IKafkaBatchHandler : IKafkaRecordHandler
{
    /// <summary>Handles <paramref name="records"/> (two or more, of one partition, in offset order) in order.</summary>
    Task HandleBatchAsync(IReadOnlyList<ConsumeResult<string, byte[]>> records, CancellationToken cancellationToken);
}
