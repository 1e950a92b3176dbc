using Confluent.Kafka;

namespace Shop.Messaging.Kafka;

/// <summary>Handles one Kafka record. Resolved in a fresh DI scope per record.
/// Throw <see cref="PermanentMessageException"/> for a record that can never succeed.</summary>
public interface IKafkaRecordHandler
{
    Task HandleAsync(ConsumeResult<string, byte[]> record, CancellationToken cancellationToken);
}
