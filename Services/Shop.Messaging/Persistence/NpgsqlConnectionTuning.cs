using System.Data.Common;
using Npgsql;

namespace Shop.Messaging.Persistence;

/// <summary>
/// The Npgsql settings every service's connection string gets unless it sets them itself. Applied in code rather
/// than in the strings LocalHost builds, so the connection string Aspire injects gets them too.
/// </summary>
public static class NpgsqlConnectionTuning
{
    /// <summary>
    /// Statements a connection prepares once it has run them <see cref="AutoPrepareMinUsages"/> times. A service
    /// runs a few dozen distinct statements (EF's queries and updates, the inbox insert, the relay's select and
    /// delete) over and over: prepared, PostgreSQL parses and plans each once per connection instead of per call.
    /// </summary>
    public const int MaxAutoPrepare = 64;

    public const int AutoPrepareMinUsages = 2;

    /// <summary>
    /// <paramref name="connectionString"/> with <see cref="MaxAutoPrepare"/>, <see cref="AutoPrepareMinUsages"/> and
    /// <c>No Reset On Close</c> added where it does not set them. No pooled connection carries session state to
    /// reset: the only session-level things the services do (the relay's advisory lock, LISTEN) use unpooled
    /// connections, and isolation levels are per transaction. Skipping the reset saves PostgreSQL a
    /// <c>DISCARD</c>-like batch every time a DbContext opens a connection.
    /// </summary>
    public static string Apply(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var tuned = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Sets(given, "Max Auto Prepare"))
        {
            tuned.MaxAutoPrepare = MaxAutoPrepare;
        }

        if (!Sets(given, "Auto Prepare Min Usages"))
        {
            tuned.AutoPrepareMinUsages = AutoPrepareMinUsages;
        }

        if (!Sets(given, "No Reset On Close"))
        {
            tuned.NoResetOnClose = true;
        }

        return tuned.ConnectionString;
    }

    // Npgsql accepts a keyword with or without its spaces, in any case.
    private static bool Sets(DbConnectionStringBuilder given, string keyword) =>
        given.Keys.Cast<string>().Any(key =>
            string.Equals(key.Replace(" ", "", StringComparison.Ordinal), keyword.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));
}
