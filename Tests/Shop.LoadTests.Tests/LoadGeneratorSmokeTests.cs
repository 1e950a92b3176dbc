using System.Text.Json;

namespace Shop.LoadTests.Tests;

/// <summary>
/// The generator end to end, for a few seconds against an AppHost it starts itself: it must finish, write both
/// reports, and find the DESIGN §2 invariants holding over the orders it placed. No figure is asserted: this is a
/// benchmark tool, and a loaded CI machine is allowed to be slow.
/// </summary>
public sealed class LoadGeneratorSmokeTests : IDisposable
{
    private readonly string _reportDirectory = Path.Combine(Path.GetTempPath(), $"shop-load-smoke-{Guid.NewGuid():N}");

    [Fact]
    public async Task Closed_loop_run_completes_reports_and_keeps_the_invariants()
    {
        // Act
        var report = await RunAsync(
            "closed", "--concurrency", "4", "--duration", "4", "--warmup", "2", "--pgbench-seconds", "1");

        // Assert
        report.Invariants.Held.Should().BeTrue(report.Invariants.Violations);
        report.Invariants.Orders.Should().BeGreaterThan(0);
        var measured = report.Phases.Single(p => p.Name == report.Headline);
        measured.Name.Should().Be("closed c=4");
        measured.Terminal.Should().BeGreaterThan(0);
        measured.LatencyMs.Should().NotBeNull();
        measured.Outcomes.Keys.Should().OnlyContain(k => k == "Completed" || k.StartsWith("Cancelled/") || k.StartsWith("rejected/") || k.StartsWith("error/") || k == "timeout");
        measured.Database.Should().NotBeNull();
        report.PostgresCeiling!.CommitsPerSecond.Should().BePositive(report.PostgresCeiling.Method);
        var html = await File.ReadAllTextAsync(Path.Combine(_reportDirectory, "report.html"));
        html.Should().Contain("<svg").And.Contain("closed c=4").And.NotContain("http://cdn").And.NotContain("<script");
    }

    [Fact]
    public async Task Open_loop_run_observing_the_event_streams_completes_and_keeps_the_invariants()
    {
        // Act
        var report = await RunAsync(
            "open", "--rate", "5", "--duration", "4", "--warmup", "0", "--observe", "events", "--pgbench-seconds", "0");

        // Assert: every order placed was followed to its end through its stream, one stream each.
        report.Invariants.Held.Should().BeTrue(report.Invariants.Violations);
        report.Observation.Should().Contain("/events");
        var measured = report.Phases.Single(p => p.Name == report.Headline);
        measured.Terminal.Should().Be(measured.Submitted, "every order placed became terminal and was seen so");
        measured.Outcomes.Keys.Should().OnlyContain(k => k == "Completed" || k.StartsWith("Cancelled/"));
        measured.PollsPerOrder.Should().Be(1, "one stream per order carries it to its terminal state");
    }

    /// <summary>Runs the generator against its own AppHost with a small workload, expects exit code 0, reads the JSON report.</summary>
    private async Task<LoadReport> RunAsync(params string[] arguments)
    {
        var options = LoadOptions.Parse(
        [
            .. arguments, "--start-apphost", "--customers", "20", "--products", "3", "--mix", "80/10/10",
            "--order-timeout", "60", "--report", _reportDirectory, "--quiet",
        ], out var error);
        options.Should().NotBeNull(error);
        using var output = new StringWriter();
        using var progress = new StringWriter();

        var exitCode = await LoadCommand.RunAsync(options!, output, progress, CancellationToken.None);

        exitCode.Should().Be(0, $"output:\n{output}\nprogress:\n{progress}");
        return JsonSerializer.Deserialize<LoadReport>(
            await File.ReadAllTextAsync(Path.Combine(_reportDirectory, "report.json")), ReportWriter.Json)!;
    }

    public void Dispose()
    {
        if (Directory.Exists(_reportDirectory))
        {
            Directory.Delete(_reportDirectory, recursive: true);
        }
    }
}
