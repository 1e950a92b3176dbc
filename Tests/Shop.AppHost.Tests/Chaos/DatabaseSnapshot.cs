using Npgsql;
using Shop.AppHost.Testing;

namespace Shop.AppHost.Tests.Chaos;

/// <summary>
/// Every business table of the four services, as row count and a digest of all rows (timestamps and versions
/// included), so two snapshots are equal only if nothing was inserted, updated or deleted. The inbox and outbox are
/// left out: recording a message as seen is the messaging layer's bookkeeping, not state.
/// </summary>
public static class DatabaseSnapshot
{
    private static readonly (string Database, string Schema)[] Databases =
        [("ordersdb", "orders"), ("inventorydb", "inventory"), ("paymentsdb", "payments"), ("orchestratordb", "orchestrator")];

    public static async Task<SortedDictionary<string, string>> TakeAsync(ShopAppHost shop)
    {
        var snapshot = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (database, schema) in Databases)
        {
            await using var connection = new NpgsqlConnection(shop.ConnectionStrings[database]);
            await connection.OpenAsync();
            var tables = new List<string>();
            await using (var list = new NpgsqlCommand(
                """
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = @schema AND table_type = 'BASE TABLE'
                  AND table_name NOT IN ('inbox', 'outbox') AND table_name NOT LIKE '\_\_%'
                """, connection))
            {
                list.Parameters.AddWithValue("schema", schema);
                await using var reader = await list.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            foreach (var table in tables)
            {
                await using var digest = new NpgsqlCommand(
                    $"""SELECT count(*) || ' rows, md5 ' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '-') FROM "{schema}"."{table}" t""",
                    connection);
                snapshot[$"{schema}.{table}"] = (string)(await digest.ExecuteScalarAsync())!;
            }
        }

        return snapshot;
    }
}
