using Confluent.Kafka;

namespace Shop.Messaging.Kafka;

/// <summary>The process's one Kafka producer (producers are thread-safe and meant to be shared).</summary>
public sealed class KafkaProducer(KafkaClientFactory clients) : IDisposable
{
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(10);
    private readonly Lazy<IProducer<string, byte[]>> _producer = new(clients.CreateProducer);

    public Task<DeliveryResult<string, byte[]>> ProduceAsync(
        string topic, Message<string, byte[]> message, CancellationToken cancellationToken = default) =>
        _producer.Value.ProduceAsync(topic, message, cancellationToken);

    public void Dispose()
    {
        if (!_producer.IsValueCreated)
        {
            return;
        }

        // Deliver what is in flight before the process goes away.
        _producer.Value.Flush(FlushTimeout);
        _producer.Value.Dispose();
    }
}
