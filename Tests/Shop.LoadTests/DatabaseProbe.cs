using Npgsql;
using Shop.AppHost.Testing;

namespace Shop.LoadTests;

/// <summary>Reads PostgreSQL's commit counters of the shop's cluster (superuser <c>postgres</c>, as the AppHost runs it locally).</summary>
public sealed class DatabaseProbe(int port)
{
    private static readonly string[] Databases = [.. ShopAppHost.Databases];

    public int Port => port;

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = port,
        Username = "postgres",
        Database = database,
        Pooling = false,
    }.ConnectionString;

    /// <summary>The counters, or null when the database cannot be reached (the report then says so).</summary>
    public async Task<DatabaseCounters?> TryReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
            await connection.OpenAsync(cancellationToken);
            var perDatabase = new Dictionary<string, long>();
            await using (var stats = new NpgsqlCommand("SELECT datname, xact_commit FROM pg_stat_database WHERE datname = ANY(@names)", connection))
            {
                stats.Parameters.AddWithValue("names", Databases);
                await using var reader = await stats.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    perDatabase[reader.GetString(0)] = reader.GetInt64(1);
                }
            }

            // pg_current_snapshot() does not assign this (read-only) transaction an id, so reading it is free of side effects.
            await using var horizon = new NpgsqlCommand("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint", connection);
            var next = (long)(await horizon.ExecuteScalarAsync(cancellationToken))!;
            return new DatabaseCounters(perDatabase.Values.Sum(), next, perDatabase);
        }
        catch (NpgsqlException)
        {
            return null;
        }
    }
}
