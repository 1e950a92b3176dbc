using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Shop.Orchestrator.Tests.Persistence;

/// <summary>
/// A throw-away PostgreSQL 15 cluster for this test run: initdb into a temporary folder, pg_ctl start on a free
/// loopback port (as the <c>postgres</c> user when the tests run as root, since Postgres refuses root), and
/// pg_ctl stop at the end. About a second to start.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"shop-orchestrator-tests-{Guid.NewGuid():N}");
    private bool _started;

    public string ConnectionString { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", ["postgres", _dataDirectory]);
        }

        await RunPostgresToolAsync("initdb", ["-D", _dataDirectory, "--auth=trust", "-U", "postgres", "-E", "UTF8", "--no-locale", "--no-sync"]);
        var port = FreePort();
        await RunPostgresToolAsync("pg_ctl",
            ["-D", _dataDirectory, "-l", Path.Combine(_dataDirectory, "server.log"), "-w", "-t", "30",
             "-o", $"-p {port} -h 127.0.0.1 -k '' -c fsync=off", "start"]);
        _started = true;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Database = "postgres",
        }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_started)
        {
            await RunPostgresToolAsync("pg_ctl", ["-D", _dataDirectory, "-m", "immediate", "-w", "stop"]);
        }

        Directory.Delete(_dataDirectory, recursive: true);
    }

    private Task RunPostgresToolAsync(string tool, IReadOnlyList<string> arguments) =>
        Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(BinDirectory, tool), .. arguments])
            : RunAsync(Path.Combine(BinDirectory, tool), arguments);

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {fileName}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output} {await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
