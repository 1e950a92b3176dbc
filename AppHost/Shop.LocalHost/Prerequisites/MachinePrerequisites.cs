using Shop.KafkaBroker;
using Shop.LocalHost.Supervision;

namespace Shop.LocalHost.Prerequisites;

/// <summary>
/// What the machine must provide, found (or found missing) before anything starts, so a missing piece is
/// reported as one line naming it and how to get it, with nothing left half-started.
/// </summary>
/// <param name="PostgresBinDirectory">Folder holding <c>initdb</c> and <c>postgres</c>.</param>
/// <param name="PostgresUser">When LocalHost runs as root: the user PostgreSQL runs as (it refuses root).</param>
/// <param name="RedisServer">Path of <c>redis-server</c>.</param>
/// <param name="Dotnet">Path of the <c>dotnet</c> host that runs the services.</param>
internal sealed record MachinePrerequisites(string PostgresBinDirectory, string? PostgresUser, string RedisServer, string Dotnet)
{
    private const string PostgresSystemUser = "postgres";

    public static MachinePrerequisites Check(LocalTopologyOptions options)
    {
        var postgres = FindPostgres();
        string? postgresUser = null;
        if (Environment.IsPrivilegedProcess)
        {
            postgresUser = Posix.LookupUser(PostgresSystemUser) is not null
                ? PostgresSystemUser
                : throw new MissingPrerequisiteException(
                    "a 'postgres' user to run PostgreSQL as (it refuses to run as root)",
                    "install the postgresql-15 package, which creates it, or run as a non-root user");
        }

        var redis = FindExecutable("redis-server", Environment.GetEnvironmentVariable("REDIS_SERVER"))
            ?? throw new MissingPrerequisiteException(
                "redis-server", "install the 'redis-server' package (eng/install-deps.sh does), or set REDIS_SERVER to its path");
        CheckLibRdKafka();
        var dotnet = options.Services.Count == 0 ? "" : FindDotnet();
        foreach (var service in options.Services.Select(ShopServices.Get))
        {
            var entry = service.EntryAssemblyPath(options.RepoRoot, options.Configuration);
            if (!File.Exists(entry))
            {
                throw new MissingPrerequisiteException(
                    $"the {service.Name} service's build output {Path.GetRelativePath(options.RepoRoot, entry)}",
                    $"run 'dotnet build -c {options.Configuration}' first (./shop does)");
            }
        }

        return new MachinePrerequisites(postgres, postgresUser, redis, dotnet);
    }

    private static string FindPostgres()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("PG_BINDIR");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return HasPostgresServer(fromEnvironment)
                ? fromEnvironment
                : throw new MissingPrerequisiteException(
                    $"PostgreSQL server binaries (initdb, postgres) in PG_BINDIR={fromEnvironment}",
                    "point PG_BINDIR at the folder that holds initdb, or unset it");
        }

        // Debian and Ubuntu keep the server outside PATH, one folder per major version: take the newest.
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.EnumerateDirectories("/usr/lib/postgresql")
                .Select(folder => (Version: int.TryParse(Path.GetFileName(folder), out var major) ? major : 0, Bin: Path.Combine(folder, "bin")))
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => candidate.Bin)
                .FirstOrDefault(HasPostgresServer)
            : null;
        var onPath = FindExecutable("initdb", null) is { } initdb ? Path.GetDirectoryName(initdb) : null;
        return debian ?? (onPath is not null && HasPostgresServer(onPath) ? onPath : null)
            ?? throw new MissingPrerequisiteException(
                "PostgreSQL server binaries (initdb)", "install postgresql-15 or set PG_BINDIR");
    }

    private static bool HasPostgresServer(string folder) =>
        File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "postgres"));

    private static void CheckLibRdKafka()
    {
        if (LibRdKafkaLibrary.LoadedPath is null)
        {
            throw new MissingPrerequisiteException(
                LibRdKafkaLibrary.Problem ?? "librdkafka", "install the system package that provides it, then run ./shop again");
        }
    }

    private static string FindDotnet()
    {
        // Under 'dotnet run' and 'dotnet test' the SDK names the host it runs on; otherwise look where it lives.
        var candidates = new[]
        {
            Environment.GetEnvironmentVariable("DOTNET_HOST_PATH"),
            Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : null,
            Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root ? Path.Combine(root, "dotnet") : null,
        };
        return candidates.FirstOrDefault(File.Exists)
            ?? FindExecutable("dotnet", null)
            ?? throw new MissingPrerequisiteException("the dotnet host", "install the .NET 10 SDK or put dotnet on PATH");
    }

    private static string? FindExecutable(string name, string? explicitPath)
    {
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return File.Exists(explicitPath) ? explicitPath : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/local/bin", "/usr/bin", "/usr/sbin"])
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
    }
}
