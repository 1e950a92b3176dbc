using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Shop.Redis.Tests;

/// <summary>A throw-away redis-server on a free loopback port, which a test may kill and start again on the same port.</summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private Process? _process;

    public int Port { get; private set; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public async Task InitializeAsync()
    {
        Port = FreePort();
        await StartAsync();
    }

    /// <summary>Starts redis-server (again) on <see cref="Port"/> and waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        _process = Process.Start(new ProcessStartInfo("redis-server",
            ["--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("redis-server did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(IPAddress.Loopback, Port, deadline.Token);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, deadline.Token);
            }
        }
    }

    /// <summary>SIGKILLs the server, as a crash would, and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>SIGSTOP (<paramref name="pause"/>) or SIGCONT: a server that keeps its connections but answers nothing.</summary>
    public async Task SignalAsync(bool pause)
    {
        var pid = _process?.Id ?? throw new InvalidOperationException("redis-server is not running");
        using var kill = Process.Start("kill", [pause ? "-STOP" : "-CONT", pid.ToString()]);
        await kill.WaitForExitAsync();
        kill.ExitCode.Should().Be(0);
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            await SignalAsync(pause: false);
        }

        await KillAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
