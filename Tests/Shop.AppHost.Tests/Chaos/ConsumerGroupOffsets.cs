using Confluent.Kafka;

namespace Shop.AppHost.Tests.Chaos;

/// <summary>A consumer group's committed offsets and its topics' high watermarks, read from outside the group (no
/// subscription: the group's members are not disturbed).</summary>
public sealed class ConsumerGroupOffsets(string bootstrapServers, string groupId, IReadOnlyList<string> topics, int partitions) : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    private readonly IConsumer<Ignore, Ignore> _consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
    {
        BootstrapServers = bootstrapServers,
        GroupId = groupId,
        EnableAutoCommit = false,
    }).Build();

    private IEnumerable<TopicPartition> Partitions =>
        topics.SelectMany(topic => Enumerable.Range(0, partitions).Select(partition => new TopicPartition(topic, partition)));

    /// <summary>The group's committed offset per partition; 0 where it never committed.</summary>
    public Dictionary<TopicPartition, long> Committed() => _consumer.Committed(Partitions, RequestTimeout)
        .ToDictionary(offset => offset.TopicPartition, offset => offset.Offset == Offset.Unset ? 0 : offset.Offset.Value);

    public Dictionary<TopicPartition, long> HighWatermarks() => Partitions
        .ToDictionary(partition => partition, partition => _consumer.QueryWatermarkOffsets(partition, RequestTimeout).High.Value);

    /// <summary>True when the group has consumed everything there is.</summary>
    public bool CaughtUp()
    {
        var high = HighWatermarks();
        return Committed().All(committed => committed.Value == high[committed.Key]);
    }

    /// <summary>Committed/high per partition, for a failure message.</summary>
    public string Describe()
    {
        var high = HighWatermarks();
        return string.Join(", ", Committed().Select(c => $"{c.Key.Topic}[{c.Key.Partition.Value}] {c.Value}/{high[c.Key]}"));
    }

    public void Dispose()
    {
        _consumer.Close();
        _consumer.Dispose();
    }
}
