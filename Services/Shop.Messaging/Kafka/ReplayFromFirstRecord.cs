using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Shop.Messaging.Kafka;

/// <summary>
/// <see cref="KafkaOptions.ReplayOnStart"/>: starts each partition this process is assigned at its first record, the
/// first time it is assigned; a partition that comes back after a rebalance resumes from the committed offset, so one
/// start replays each partition once. Seeking in the assignment (instead of resetting the group's offsets from
/// outside) needs no empty group and no admin access, and works with any number of replicas starting together.
/// </summary>
internal sealed partial class ReplayFromFirstRecord(string groupId, ILogger logger)
{
    private readonly HashSet<TopicPartition> _replayed = [];

    /// <summary>Called on the consuming thread only (the assignment callback), so the set needs no lock.</summary>
    public IEnumerable<TopicPartitionOffset> StartingOffsets(IReadOnlyList<TopicPartition> assigned)
    {
        var offsets = new List<TopicPartitionOffset>(assigned.Count);
        foreach (var partition in assigned)
        {
            if (_replayed.Add(partition))
            {
                LogReplaying(groupId, partition.ToString());
                offsets.Add(new TopicPartitionOffset(partition, Offset.Beginning));
            }
            else
            {
                offsets.Add(new TopicPartitionOffset(partition, Offset.Unset));
            }
        }

        return offsets;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Consumer group {GroupId} replays {Partition} from its first record (Kafka:ReplayOnStart)")]
    private partial void LogReplaying(string groupId, string partition);
}
