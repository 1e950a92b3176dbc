using Confluent.Kafka;

namespace Shop.Messaging.DeadLetters;

/// <summary>
/// Reads dead-letter topics without joining any consumer group: it assigns the partitions itself and reads from the
/// beginning up to the high watermark it saw when it started, so inspecting a DLQ moves no service's offsets and
/// ends by itself.
/// </summary>
public sealed class DeadLetterReader(string bootstrapServers, TimeSpan timeout)
{
    /// <summary>Every record the topic holds now, oldest first per partition. A topic the broker does not know is
    /// empty.</summary>
    public IReadOnlyList<DeadLetterRecord> ReadAll(string topic)
    {
        using var consumer = CreateConsumer();
        var partitions = PartitionsOf(topic);
        var ends = new Dictionary<int, long>();
        foreach (var partition in partitions)
        {
            var watermarks = consumer.QueryWatermarkOffsets(partition, timeout);
            if (watermarks.High.Value > watermarks.Low.Value)
            {
                ends[partition.Partition.Value] = watermarks.High.Value;
            }
        }

        if (ends.Count == 0)
        {
            return [];
        }

        consumer.Assign(ends.Keys.Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var records = new List<DeadLetterRecord>();
        var deadline = DateTime.UtcNow + timeout;
        while (ends.Count > 0)
        {
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Read {records.Count} records of {topic}, but not up to its end within {timeout.TotalSeconds:0} s.");
            }

            if (consumer.Consume(remaining) is not { IsPartitionEOF: false } record)
            {
                continue;
            }

            records.Add(From(record));
            if (ends.TryGetValue(record.Partition.Value, out var end) && record.Offset.Value + 1 >= end)
            {
                ends.Remove(record.Partition.Value);
            }
        }

        return [.. records.OrderBy(r => r.Partition).ThenBy(r => r.Offset)];
    }

    /// <summary>The record at that coordinate, or null when the partition holds no record there (any more).</summary>
    public DeadLetterRecord? Find(DeadLetterCoordinate coordinate)
    {
        using var consumer = CreateConsumer();
        var partition = new TopicPartition(coordinate.Topic, coordinate.Partition);
        var watermarks = consumer.QueryWatermarkOffsets(partition, timeout);
        if (coordinate.Offset < watermarks.Low.Value || coordinate.Offset >= watermarks.High.Value)
        {
            return null;
        }

        consumer.Assign(new TopicPartitionOffset(partition, coordinate.Offset));
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(deadline - DateTime.UtcNow) is { IsPartitionEOF: false } record)
            {
                // Compacted or transactional topics can skip offsets; the first record at or after it is not it then.
                return record.Offset.Value == coordinate.Offset ? From(record) : null;
            }
        }

        throw new TimeoutException($"Could not read {coordinate} within {timeout.TotalSeconds:0} s.");
    }

    private List<TopicPartition> PartitionsOf(string topic)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        var metadata = admin.GetMetadata(topic, timeout);
        var described = metadata.Topics.SingleOrDefault(t => t.Topic == topic);
        if (described is null || described.Error.Code == ErrorCode.UnknownTopicOrPart)
        {
            return [];
        }

        return [.. described.Partitions.Select(p => new TopicPartition(topic, p.PartitionId)).OrderBy(p => p.Partition.Value)];
    }

    private IConsumer<string, byte[]> CreateConsumer() =>
        new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            // Never used to join: the partitions are assigned, and nothing is committed.
            GroupId = $"shop-dlq-reader-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AllowAutoCreateTopics = false,
            FetchWaitMaxMs = 10,
        }).Build();

    private static DeadLetterRecord From(ConsumeResult<string, byte[]> record) => new(
        record.Topic,
        record.Partition.Value,
        record.Offset.Value,
        record.Message.Timestamp.UtcDateTime,
        record.Message.Key,
        record.Message.Value ?? [],
        [.. (record.Message.Headers ?? []).Select(h => new KeyValuePair<string, byte[]>(h.Key, h.GetValueBytes() ?? []))]);
}
