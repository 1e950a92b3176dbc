using Confluent.Kafka;
using Npgsql;
using Shop.AppHost.Testing;
using Shop.Messaging.Kafka;

namespace Shop.AppHost.Tests.Chaos;

/// <summary>
/// "No message handled twice", read from the services' own databases and the broker after a chaos run: per order one
/// saga in the state the orders service shows, at most one payment, charged exactly when Completed; at most one
/// reservation, committed exactly when Completed; and no record dead-lettered (a second handling of a command would
/// break a unique key, be retried, and end in a DLQ).
/// </summary>
public static class EffectsOnceCheck
{
    /// <summary>
    /// Waits until every order's saga is in the order's state, or <paramref name="timeout"/> is over. An order reads
    /// Completed one hop before its saga does (the saga finishes on OrderCompleted), and that hop may be the one a
    /// broker fault delayed (seen: a produce request left unanswered by the mock broker until the client's socket
    /// timeout resent it), so the saga rows are compared once they have had time to settle.
    /// </summary>
    public static async Task WaitForSagasToSettleAsync(ShopAppHost shop, IReadOnlyDictionary<Guid, string> statusByOrder, TimeSpan timeout)
    {
        var ids = statusByOrder.Keys.ToArray();
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            var sagas = await ReadSagasAsync(shop, ids);
            if (ids.All(id => sagas.TryGetValue(id, out var states) && states is [var state] && state == statusByOrder[id]))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    public static async Task<List<string>> FindViolationsAsync(ShopAppHost shop, IReadOnlyDictionary<Guid, string> statusByOrder)
    {
        var ids = statusByOrder.Keys.ToArray();
        var violations = new List<string>();

        var sagas = await ReadSagasAsync(shop, ids);
        violations.AddRange(ids.Where(id => !sagas.ContainsKey(id)).Select(id => $"order {id} has no saga"));
        violations.AddRange(sagas.Where(s => s.Value.Count != 1 || s.Value[0] != statusByOrder[s.Key])
            .Select(s => $"order {s.Key} is {statusByOrder[s.Key]} but its saga rows are [{string.Join(", ", s.Value)}]"));

        var payments = await ReadAsync(shop, "paymentsdb",
            "SELECT order_id, status FROM payments.payments WHERE order_id = ANY(@ids)", ids);
        foreach (var id in ids)
        {
            var rows = payments.GetValueOrDefault(id) ?? [];
            var completed = statusByOrder[id] == "Completed";
            if (rows.Count > 1 || (completed ? rows is not ["Charged"] : rows.Contains("Charged")))
            {
                violations.Add($"{statusByOrder[id]} order {id} has payments [{string.Join(", ", rows)}]");
            }
        }

        var reservations = await ReadAsync(shop, "inventorydb",
            "SELECT order_id, status FROM inventory.reservations WHERE order_id = ANY(@ids)", ids);
        foreach (var id in ids)
        {
            var rows = reservations.GetValueOrDefault(id) ?? [];
            var completed = statusByOrder[id] == "Completed";
            if (rows.Count > 1 || (completed ? rows is not ["Committed"] : rows.Any(status => status != "Released")))
            {
                violations.Add($"{statusByOrder[id]} order {id} has reservations [{string.Join(", ", rows)}]");
            }
        }

        violations.AddRange(DeadLettered(shop));
        return violations;
    }

    private static Task<Dictionary<Guid, List<string>>> ReadSagasAsync(ShopAppHost shop, Guid[] ids) =>
        ReadAsync(shop, "orchestratordb",
            "SELECT correlation_id, current_state FROM orchestrator.order_sagas WHERE correlation_id = ANY(@ids)", ids);

    private static async Task<Dictionary<Guid, List<string>>> ReadAsync(ShopAppHost shop, string database, string sql, Guid[] ids)
    {
        await using var connection = new NpgsqlConnection(shop.ConnectionStrings[database]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("ids", ids);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<Guid, List<string>>();
        while (await reader.ReadAsync())
        {
            var id = reader.GetGuid(0);
            (rows.TryGetValue(id, out var list) ? list : rows[id] = []).Add(reader.GetString(1));
        }

        return rows;
    }

    private static IEnumerable<string> DeadLettered(ShopAppHost shop)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = shop.KafkaBootstrapServers,
            GroupId = "chaos-dlq-check",
        }).Build();
        foreach (var topic in Topics.Business.Select(Topics.DeadLetter))
        {
            for (var partition = 0; partition < shop.Options.KafkaPartitions; partition++)
            {
                var offsets = consumer.QueryWatermarkOffsets(new TopicPartition(topic, partition), TimeSpan.FromSeconds(10));
                if (offsets.High.Value > 0)
                {
                    yield return $"{topic} [{partition}] holds {offsets.High.Value} dead-lettered records";
                }
            }
        }
    }
}
