using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Shop.Testing;

/// <summary>
/// A throw-away <c>redis-server</c> on a free loopback port, without persistence, for tests that take Redis away in
/// the middle: <see cref="KillAsync"/> (SIGKILL, as a crash), <see cref="StartAsync"/> again on the same port (it comes
/// back empty, as after a failover, unless it is persistent), or <see cref="PauseAsync"/> (SIGSTOP: connections stay
/// open, nothing answers).
/// </summary>
public sealed class RedisServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly StringBuilder _output = new();
    private readonly string? _dataDirectory;
    private Process? _process;

    private RedisServerProcess(int port, string? dataDirectory)
    {
        Port = port;
        _dataDirectory = dataDirectory;
    }

    public int Port { get; }

    /// <summary>The form Aspire injects as <c>ConnectionStrings__cache</c>.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts a server on a free port and waits until it answers <c>PING</c>.</summary>
    /// <param name="persistent">Keep every write in an append-only file (fsync'd at once) in a folder of its own, so
    /// that after <see cref="KillAsync"/> and <see cref="StartAsync"/> the server has its data again: a Redis that comes
    /// back with what it held, stale entries included.</param>
    public static async Task<RedisServerProcess> StartNewAsync(bool persistent = false)
    {
        var dataDirectory = persistent ? Directory.CreateTempSubdirectory("shop-redis-").FullName : null;
        var server = new RedisServerProcess(FreePort(), dataDirectory);
        await server.StartAsync();
        return server;
    }

    /// <summary>Starts the server (again) on <see cref="Port"/> and waits until it answers <c>PING</c>.</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"redis-server is already running on port {Port}");
        }

        var executable = Environment.GetEnvironmentVariable("REDIS_SERVER") is { Length: > 0 } configured ? configured : "redis-server";
        string[] persistence = _dataDirectory is null
            ? ["--appendonly", "no"]
            : ["--appendonly", "yes", "--appendfsync", "always", "--dir", _dataDirectory];
        var process = new Process
        {
            StartInfo = new ProcessStartInfo(executable,
                ["--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", .. persistence, "--loglevel", "warning"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            },
        };
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = DateTime.UtcNow + StartTimeout;
        while (!await PingAsync())
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with {process.ExitCode} during start-up: {Output}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"redis-server did not answer PING on port {Port} within {StartTimeout.TotalSeconds:0} s: {Output}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>SIGKILLs the server, as a crash would, and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill();
        }

        await process.WaitForExitAsync();
        process.Dispose();
        _process = null;
    }

    /// <summary>SIGSTOP (<paramref name="pause"/>) or SIGCONT: a server that keeps its connections but answers nothing.</summary>
    public async Task PauseAsync(bool pause)
    {
        var pid = _process?.Id ?? throw new InvalidOperationException("redis-server is not running");
        using var signal = Process.Start("kill", [pause ? "-STOP" : "-CONT", pid.ToString()]);
        await signal.WaitForExitAsync();
        if (signal.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill {(pause ? "-STOP" : "-CONT")} {pid} exited with {signal.ExitCode}");
        }
    }

    /// <summary>True when the server answers <c>PING</c> with <c>PONG</c> within a second, over a connection of its own.</summary>
    public async Task<bool> PingAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
            var stream = tcp.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
            var buffer = new byte[7];
            var read = 0;
            while (read < buffer.Length && await stream.ReadAsync(buffer.AsMemory(read), timeout.Token) is > 0 and var n)
            {
                read += n;
            }

            return read == buffer.Length && buffer.AsSpan().SequenceEqual("+PONG\r\n"u8);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (IsRunning)
        {
            await PauseAsync(pause: false);
        }

        await KillAsync();
        if (_dataDirectory is not null)
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString().Trim();
            }
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
