using System.Diagnostics;
using System.Net;
using System.Text;
using Shop.EndToEnd.Tests.Support;
using Shop.LocalHost;
using Shop.LocalHost.State;
using Shop.Testing;

namespace Shop.EndToEnd.Tests.LocalHost;

/// <summary>The Shop.LocalHost executable as <c>./shop run</c> runs it: a signal stops everything it started.</summary>
public sealed class ShopRunTests
{
    [Fact]
    public async Task SIGTERM_stops_every_process_it_started_removes_the_state_file_and_exits_with_0()
    {
        // Arrange
        var folder = TestRunDirectory.For("shop-run");
        var stateFile = Path.Combine(folder, "state.json");
        var output = new StringBuilder();
        // One service is enough to show a service stopping with the rest; it keeps this test light.
        using var host = StartLocalHost(
            ["--services", "inventory", "--quiet", "--state-file", stateFile, "--log-directory", Path.Combine(folder, "logs")], output);
        var state = await Wait.ForAsync(
            () => StateFile.TryRead(stateFile) is { Components.Count: 4 } ready ? ready : null,
            TestTimeouts.Startup,
            $"state file listing postgres, redis, kafka and inventory; output so far:\n{output}");
        var inventory = new Uri(state.Components.Single(component => component.Name == "inventory").Url!);
        await WaitForHealthAsync(inventory, output);
        var started = state.Components.Select(component => component.Pid).ToList();

        // Act
        Signal(host.Id, "TERM");
        var exited = await WaitForExitAsync(host, TestTimeouts.Shutdown);

        // Assert
        exited.Should().BeTrue($"LocalHost should stop within {TestTimeouts.Shutdown}; output:\n{output}");
        host.ExitCode.Should().Be(0, output.ToString());
        started.Should().OnlyContain(pid => !ProcessProbe.IsAlive(pid), output.ToString());
        ProcessProbe.ProcessesOfRun(state.RunId).Should().BeEmpty();
        File.Exists(stateFile).Should().BeFalse();
        Directory.Exists(Path.Combine(new LocalTopologyOptions().DataRoot, "runs", state.RunId)).Should().BeFalse();
    }

    private static Process StartLocalHost(IReadOnlyList<string> arguments, StringBuilder output)
    {
        // The test project references Shop.LocalHost, so its build output (with runtimeconfig) sits next to the tests.
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Shop.LocalHost.dll"));
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForHealthAsync(Uri service, StringBuilder output)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Wait.UntilAsync(
            async () =>
            {
                try
                {
                    using var response = await client.GetAsync(new Uri(service, "/health"));
                    return response.StatusCode == HttpStatusCode.OK;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    return false;
                }
            },
            TestTimeouts.Startup,
            $"inventory healthy; output so far:\n{output}");
    }

    private static async Task<bool> WaitForExitAsync(Process process, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return false;
        }
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
