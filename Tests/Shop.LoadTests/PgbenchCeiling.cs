using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Shop.LoadTests;

/// <summary>
/// The hardware's answer to "how many commits per second can this PostgreSQL do": pgbench with a one-INSERT script
/// (each transaction one row, one commit, one WAL flush shared by whoever commits at the same moment), 16 clients,
/// against a scratch database in the shop's own cluster, which is dropped afterwards.
/// </summary>
public static partial class PgbenchCeiling
{
    public const int Clients = 16;

    public static async Task<PgbenchResult> RunAsync(DatabaseProbe database, TimeSpan duration, CancellationToken cancellationToken)
    {
        var pgbench = FindPgbench();
        if (pgbench is null)
        {
            return new PgbenchResult(null, "pgbench not found (install postgresql-15 or set PG_BINDIR)");
        }

        var scratch = $"load_pgbench_{Environment.ProcessId}";
        var script = Path.Combine(Path.GetTempPath(), $"{scratch}.sql");
        await File.WriteAllTextAsync(script, "INSERT INTO ceiling (at) VALUES (now());\n", cancellationToken);
        try
        {
            await ExecuteAsync(database.ConnectionString("postgres"), $"DROP DATABASE IF EXISTS {scratch}", cancellationToken);
            await ExecuteAsync(database.ConnectionString("postgres"), $"CREATE DATABASE {scratch}", cancellationToken);
            await ExecuteAsync(database.ConnectionString(scratch), "CREATE TABLE ceiling (id bigserial PRIMARY KEY, at timestamptz NOT NULL)", cancellationToken);

            var start = new ProcessStartInfo(pgbench)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in new[]
            {
                "-h", "127.0.0.1", "-p", database.Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres",
                "-n", "-c", Clients.ToString(CultureInfo.InvariantCulture), "-j", "2",
                "-T", ((int)Math.Max(1, duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture), "-f", script, scratch,
            })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            var tps = TpsLine().Match(await output);
            return process.ExitCode == 0 && tps.Success
                ? new PgbenchResult(Math.Round(double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture)),
                    $"pgbench -n -c {Clients} -j 2 -T {(int)Math.Max(1, duration.TotalSeconds)}, script: one INSERT of one row per transaction")
                : new PgbenchResult(null, $"pgbench failed (exit {process.ExitCode}): {(await errors).Trim()}");
        }
        finally
        {
            File.Delete(script);
            await ExecuteAsync(database.ConnectionString("postgres"), $"DROP DATABASE IF EXISTS {scratch} WITH (FORCE)", CancellationToken.None);
        }
    }

    private static string? FindPgbench()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("PG_BINDIR") is { Length: > 0 } bin)
        {
            candidates.Add(Path.Combine(bin, "pgbench"));
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.EnumerateDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin", "pgbench")));
        }

        return candidates.FirstOrDefault(File.Exists);
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [GeneratedRegex(@"tps = ([0-9.]+)")]
    private static partial Regex TpsLine();
}
