using System.Globalization;
using Npgsql;
using Shop.LocalHost.Health;
using Shop.LocalHost.Supervision;

namespace Shop.LocalHost.Infrastructure;

/// <summary>
/// A throw-away PostgreSQL cluster: initdb into the run's data folder, one postmaster on a loopback port,
/// trust authentication for the <c>postgres</c> superuser, and the services' databases created up front.
/// fsync stays on, as in production: crash tests rely on committed data surviving.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    public const string SuperUser = "postgres";

    private readonly SupervisedProcess _process;

    private PostgresCluster(int port, string dataDirectory, SupervisedProcess process)
    {
        Port = port;
        DataDirectory = dataDirectory;
        _process = process;
    }

    public int Port { get; }

    public string DataDirectory { get; }

    /// <summary>The postmaster's pid (it changes when a crashed server is restarted).</summary>
    public int Pid => _process.Pid;

    internal SupervisedProcess Process => _process;

    /// <summary>An Npgsql connection string, the form Aspire injects as <c>ConnectionStrings__{database}</c>.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperUser,
        Database = database,
    }.ConnectionString;

    internal static async Task<PostgresCluster> StartAsync(
        InfrastructureSetup setup,
        string binDirectory,
        string? runAsUser,
        IReadOnlyList<string> databases,
        CancellationToken cancellationToken)
    {
        var dataDirectory = setup.DataDirectory;
        Directory.CreateDirectory(dataDirectory);
        if (runAsUser is not null && Posix.LookupUser(runAsUser) is var (uid, gid))
        {
            Posix.ChangeOwner(dataDirectory, uid, gid);
        }

        // --no-sync skips initdb's own flushes: they only protect a fresh cluster against an OS crash during
        // creation, and this one is rebuilt on every start anyway. The server below keeps fsync on.
        var initdb = new ProcessSpec("postgres", Path.Combine(binDirectory, "initdb"),
            ["-D", dataDirectory, "--auth=trust", "-U", SuperUser, "-E", "UTF8", "--no-locale", "--no-sync", "--no-instructions"])
        {
            Environment = setup.Environment,
            OnStarted = setup.RecordProcess,
            UserName = runAsUser,
        };
        var exitCode = await RunningProcess.RunToCompletionAsync(initdb, setup.Log, TimeSpan.FromSeconds(60), cancellationToken);
        if (exitCode != 0)
        {
            throw new LocalTopologyException($"postgres: initdb failed with exit code {exitCode}: {setup.Log.Tail()}; see {setup.Log.Path}");
        }

        var server = new ProcessSpec("postgres", Path.Combine(binDirectory, "postgres"),
        [
            "-D", dataDirectory,
            "-p", setup.Port.ToString(CultureInfo.InvariantCulture),
            "-h", "127.0.0.1",
            // TCP only: no Unix socket to place (socket paths are short and the data folder can be deep).
            "-k", "",
            // Several replicas of four services, each with a connection pool, outgrow the default 100.
            "-c", "max_connections=300",
            // After a crash (an immediate shutdown, a kill) the server makes the data directory durable before it
            // replays WAL; fsync, the default, opens and flushes every file one by one (seconds on a busy disk, most
            // of the outage after a restart); syncfs (PostgreSQL 14+, Linux) flushes the file system in one call, with
            // the same guarantee.
            "-c", "recovery_init_sync_method=syncfs",
        ])
        {
            Environment = setup.Environment,
            OnStarted = setup.RecordProcess,
            UserName = runAsUser,
            StopSignal = Posix.SigInt, // "fast" shutdown: SIGTERM would wait for every client to leave
        };
        var process = new SupervisedProcess(server, setup.Log, setup.Policy);
        var cluster = new PostgresCluster(setup.Port, dataDirectory, process);
        try
        {
            process.Start();
            await cluster.WaitUntilAcceptingConnectionsAsync(setup, cancellationToken);
            await cluster.CreateDatabasesAsync(databases, cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Restarts the server on the same port and data directory, as an operator or a failover would: clients see
    /// their connections end and must reconnect. <see cref="PostgresShutdownMode.Immediate"/> skips the shutdown
    /// checkpoint, so the new server starts with crash recovery. Returns once it accepts connections again.
    /// </summary>
    public async Task RestartAsync(PostgresShutdownMode mode, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        await _process.RestartAsync(mode == PostgresShutdownMode.Immediate ? Posix.SigQuit : Posix.SigInt);
        string? lastError = "no answer yet";
        await Poll.UntilAsync(
            async token => (lastError = await TryConnectAsync(token)) is null,
            timeout,
            () => $"postgres did not accept connections again within {timeout.TotalSeconds:0} s after a restart ({lastError})",
            cancellationToken);
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private async Task WaitUntilAcceptingConnectionsAsync(InfrastructureSetup setup, CancellationToken cancellationToken)
    {
        string? lastError = "no answer yet";
        await Poll.UntilAsync(
            async token =>
            {
                if (_process.UnexpectedExits > 0)
                {
                    throw new LocalTopologyException($"postgres exited during start-up: {setup.Log.Tail()}; see {setup.Log.Path}");
                }

                return (lastError = await TryConnectAsync(token)) is null;
            },
            setup.StartTimeout,
            () => $"postgres did not accept connections on 127.0.0.1:{Port} within {setup.StartTimeout.TotalSeconds:0} s ({lastError}); see {setup.Log.Path}",
            cancellationToken);
    }

    private async Task CreateDatabasesAsync(IReadOnlyList<string> databases, CancellationToken cancellationToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(ConnectionString("postgres")) { Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        foreach (var database in databases)
        {
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Null once a fresh (unpooled) connection opens; otherwise why it did not.</summary>
    private async Task<string?> TryConnectAsync(CancellationToken cancellationToken)
    {
        var probe = new NpgsqlConnectionStringBuilder(ConnectionString("postgres")) { Pooling = false, Timeout = 2 }.ConnectionString;
        try
        {
            await using var connection = new NpgsqlConnection(probe);
            await connection.OpenAsync(cancellationToken);
            return null;
        }
        catch (NpgsqlException ex)
        {
            return ex.Message;
        }
    }
}
