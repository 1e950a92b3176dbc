using Confluent.Kafka;

namespace Shop.EndToEnd.Tests.Chaos;

/// <summary>A consumer group's committed offsets and its topics' high watermarks, read and reset from outside the
/// group (no subscription: the group's members are not disturbed, and a stopped service's group can be rewound).</summary>
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

    /// <summary>
    /// Commits offset 0 on every partition, so the group's next member starts from the first record again. It joins
    /// the group to do so, as <c>kafka-consumer-groups --reset-offsets</c> needs an empty group: the mock broker (like
    /// a real one with a group that still exists) refuses commits from outside it. Call it while the service is stopped.
    /// </summary>
    public void ResetToBeginning(TimeSpan timeout)
    {
        using var member = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = groupId,
            EnableAutoCommit = false,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
            // Should its leave get lost, the group forgets this member after 6 s instead of 45.
            SessionTimeoutMs = 6_000,
        }).Build();
        member.Subscribe(topics);
        var expected = topics.Count * partitions;
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (member.Assignment.Count < expected)
        {
            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw new TimeoutException(
                    $"group {groupId} did not assign all {expected} partitions to the resetting member within {timeout.TotalSeconds:0} s (got {member.Assignment.Count}): is the service still running?");
            }

            member.Consume(TimeSpan.FromMilliseconds(200));
        }

        member.Commit(Partitions.Select(partition => new TopicPartitionOffset(partition, 0)));
        member.Unsubscribe();
        member.Close();
    }

    public void Dispose()
    {
        _consumer.Close();
        _consumer.Dispose();
    }
}
