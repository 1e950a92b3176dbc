using Confluent.Kafka;

namespace Shop.Messaging.Tests.Support;

/// <summary>Reads what a topic holds, from the beginning, with a plain consumer outside any service's group.</summary>
public static class TopicReader
{
    public static IReadOnlyList<ConsumeResult<string, byte[]>> ReadAll(string bootstrapServers, string topic, TimeSpan timeout)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"reader-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
        }).Build();

        var partitions = Enumerable.Range(0, KafkaBrokerFixture.Partitions)
            .Select(p => new TopicPartition(topic, new Partition(p)))
            .ToList();
        var ends = partitions.ToDictionary(tp => tp.Partition.Value, tp => consumer.QueryWatermarkOffsets(tp, timeout).High.Value);
        consumer.Assign(partitions.Select(tp => new TopicPartitionOffset(tp, Offset.Beginning)));

        var records = new List<ConsumeResult<string, byte[]>>();
        var deadline = DateTime.UtcNow + timeout;
        var remaining = ends.Values.Sum();
        while (remaining > 0 && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { IsPartitionEOF: false } record)
            {
                records.Add(record);
                remaining--;
            }
        }

        return remaining == 0
            ? records
            : throw new TimeoutException($"read {records.Count} of {ends.Values.Sum()} records of {topic} within {timeout}");
    }

    public static string Header(ConsumeResult<string, byte[]> record, string name) =>
        record.Message.Headers.TryGetLastBytes(name, out var bytes)
            ? System.Text.Encoding.UTF8.GetString(bytes)
            : throw new KeyNotFoundException($"header {name} is missing");
}
