using System.Text;
using Confluent.Kafka;

namespace Shop.Messaging.DeadLetters;

/// <summary>
/// Sends a dead letter back to the topic it came from, once its cause is fixed: the original key, body and headers
/// (the <c>dlq-*</c> ones dropped) plus <c>dlq-replayed-from</c> naming the DLQ record, or a corrected body in place of
/// the original. The <c>message-id</c> stays the same, so the consuming service's inbox handles the message at most
/// once: replaying a record twice, or one that was handled after all, changes nothing.
/// </summary>
public sealed class DeadLetterReplayer(string bootstrapServers, TimeSpan timeout)
{
    public const string ReplayedFromHeader = "dlq-replayed-from";

    public async Task<TopicPartitionOffset> ReplayAsync(DeadLetterRecord record, byte[]? replacementValue = null, CancellationToken cancellationToken = default)
    {
        var headers = new Headers();
        foreach (var header in record.OriginalHeaders)
        {
            headers.Add(header.Key, header.Value);
        }

        headers.Add(ReplayedFromHeader, Encoding.UTF8.GetBytes(record.Coordinate.ToString()));
        var message = new Message<string, byte[]> { Key = record.Key!, Value = replacementValue ?? record.Value, Headers = headers };

        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            MessageTimeoutMs = (int)timeout.TotalMilliseconds,
        }).Build();
        var delivered = await producer.ProduceAsync(record.SourceTopic, message, cancellationToken);
        return delivered.TopicPartitionOffset;
    }
}
