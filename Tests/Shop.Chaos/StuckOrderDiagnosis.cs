using System.Text;
using Confluent.Kafka;
using Npgsql;
using Shop.AppHost.Testing;
using Shop.Messaging.Envelope;
using Shop.Messaging.Kafka;

namespace Shop.Chaos;

/// <summary>
/// For orders that never became terminal, says where their saga stopped: which of their messages are still in a
/// service's outbox, and which reached Kafka (topic, partition, offset, type) with the consuming group's committed
/// offset beside each. A record behind the committed offset that the consumer never handled points at the consumer;
/// a message in no outbox and no topic points at the producer side.
/// </summary>
public static class StuckOrderDiagnosis
{
    private static readonly Dictionary<string, string> ConsumerOf = new()
    {
        [Topics.OrdersEvents] = "orchestrator",
        [Topics.InventoryEvents] = "orchestrator",
        [Topics.PaymentsEvents] = "orchestrator",
        [Topics.OrdersCommands] = "orders",
        [Topics.InventoryCommands] = "inventory",
        [Topics.PaymentsCommands] = "payments",
    };

    private static readonly (string Database, string Schema)[] Outboxes =
        [("ordersdb", "orders"), ("inventorydb", "inventory"), ("paymentsdb", "payments"), ("orchestratordb", "orchestrator")];

    public static async Task<List<string>> DescribeAsync(ShopAppHost shop, IReadOnlyCollection<Guid> orders)
    {
        var keys = orders.Select(id => id.ToString()).ToHashSet();
        var lines = new List<string>();
        foreach (var (database, schema) in Outboxes)
        {
            await using var connection = new NpgsqlConnection(shop.ConnectionStrings[database]);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                $"""SELECT key, message_type, id FROM "{schema}".outbox WHERE key = ANY(@keys) ORDER BY id""", connection);
            command.Parameters.AddWithValue("keys", keys.ToArray());
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                lines.Add($"order {reader.GetString(0)}: {reader.GetString(1)} still in the {schema} outbox (row {reader.GetInt64(2)})");
            }
        }

        var partitions = ConsumerOf.Keys
            .SelectMany(topic => Enumerable.Range(0, shop.Options.KafkaPartitions).Select(p => new TopicPartition(topic, p)))
            .ToList();
        using var reader2 = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = shop.KafkaBootstrapServers,
            GroupId = "chaos-diagnosis",
            EnableAutoCommit = false,
        }).Build();
        var high = partitions.ToDictionary(p => p, p => reader2.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10)).High.Value);
        var committed = new Dictionary<TopicPartition, long>();
        foreach (var group in ConsumerOf.Values.Distinct())
        {
            using var groupReader = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
            {
                BootstrapServers = shop.KafkaBootstrapServers,
                GroupId = group,
                EnableAutoCommit = false,
            }).Build();
            foreach (var offset in groupReader.Committed(partitions.Where(p => ConsumerOf[p.Topic] == group), TimeSpan.FromSeconds(10)))
            {
                committed[offset.TopicPartition] = offset.Offset.Value;
            }
        }

        reader2.Assign(partitions.Where(p => high[p] > 0).Select(p => new TopicPartitionOffset(p, 0)));
        var remaining = partitions.Where(p => high[p] > 0).ToHashSet();
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        while (remaining.Count > 0 && DateTimeOffset.UtcNow < deadline)
        {
            var record = reader2.Consume(TimeSpan.FromSeconds(1));
            if (record is null)
            {
                continue;
            }

            if (record.Offset.Value + 1 >= high[record.TopicPartition])
            {
                remaining.Remove(record.TopicPartition);
            }

            if (record.Message.Key is { } key && keys.Contains(key))
            {
                var type = record.Message.Headers.TryGetLastBytes(MessageHeaders.MessageType, out var bytes) ? Encoding.UTF8.GetString(bytes) : "?";
                var group = ConsumerOf[record.Topic];
                lines.Add($"order {key}: {type} at {record.TopicPartitionOffset}; group {group} committed {committed.GetValueOrDefault(record.TopicPartition)}, high watermark {high[record.TopicPartition]}");
            }
        }

        reader2.Close();
        return lines;
    }
}
