namespace Shop.AppHost.Infrastructure;

/// <summary>What local infrastructure needs from the machine, found before anything starts so that a missing
/// piece is one line naming it and how to get it.</summary>
/// <param name="PostgresBinDirectory">Folder holding <c>initdb</c> and <c>postgres</c>.</param>
/// <param name="RunAsUser">When the AppHost runs as root: the user PostgreSQL runs as (it refuses root).</param>
/// <param name="RedisServer">Path of <c>redis-server</c>.</param>
public sealed record LocalBinaries(string PostgresBinDirectory, string? RunAsUser, string RedisServer)
{
    public static LocalBinaries Find()
    {
        var postgres = Environment.GetEnvironmentVariable("PG_BINDIR") is { Length: > 0 } configured
            ? configured
            : Directory.Exists("/usr/lib/postgresql")
                ? Directory.EnumerateDirectories("/usr/lib/postgresql")
                    .OrderByDescending(folder => int.TryParse(Path.GetFileName(folder), out var major) ? major : 0)
                    .Select(folder => Path.Combine(folder, "bin"))
                    .FirstOrDefault(HasPostgresServer)
                : null;
        postgres ??= Executable("initdb") is { } initdb ? Path.GetDirectoryName(initdb) : null;
        if (postgres is null || !HasPostgresServer(postgres))
        {
            throw Missing("PostgreSQL server binaries (initdb, postgres)", "install postgresql-15 (eng/install-deps.sh does) or set PG_BINDIR");
        }

        string? runAs = null;
        if (Environment.IsPrivilegedProcess)
        {
            runAs = File.ReadLines("/etc/passwd").Any(line => line.StartsWith("postgres:", StringComparison.Ordinal))
                ? "postgres"
                : throw Missing("a 'postgres' user to run PostgreSQL as (it refuses to run as root)", "install postgresql-15, which creates it");
            if (Executable("setpriv") is null)
            {
                throw Missing("setpriv (to run PostgreSQL as the postgres user)", "install util-linux");
            }
        }

        var redis = Environment.GetEnvironmentVariable("REDIS_SERVER") is { Length: > 0 } path ? path : Executable("redis-server");
        if (redis is null || !File.Exists(redis))
        {
            throw Missing("redis-server", "install the 'redis-server' package (eng/install-deps.sh does), or set REDIS_SERVER to its path");
        }

        return new LocalBinaries(postgres, runAs, redis);
    }

    private static bool HasPostgresServer(string folder) =>
        File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "postgres"));

    private static string? Executable(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/local/bin", "/usr/bin", "/usr/sbin", "/bin"])
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);

    private static InvalidOperationException Missing(string what, string how) =>
        new($"shop: missing {what}: {how}; or run with containers (--Shop:Infrastructure=containers)");
}
