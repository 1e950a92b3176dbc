using System.Net;
using Shop.EndToEnd.Tests.Support;
using Shop.LocalHost;
using Shop.Testing;

namespace Shop.EndToEnd.Tests.LocalHost;

/// <summary>A service whose database is unreachable at start-up keeps retrying with backoff and reports
/// unhealthy; it does not crash-loop, and becomes healthy once the database is there.</summary>
public sealed class UnreachableDatabaseTests
{
    private const string Service = "payments";
    private const int FailedAttemptsToObserve = 3;

    [Fact]
    public async Task Service_stays_up_and_unhealthy_while_its_database_is_unreachable_then_becomes_healthy()
    {
        // Arrange
        await using var gate = new TcpGate();
        var folder = TestRunDirectory.For("unreachable-database");
        await using var topology = await LocalTopology.StartAsync(new LocalTopologyOptions
        {
            Services = [Service],
            StateFilePath = null,
            LogDirectory = Path.Combine(folder, "logs"),
            ServiceEnvironment = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                [Service] = new Dictionary<string, string>
                {
                    ["ConnectionStrings__paymentsdb"] = $"Host=127.0.0.1;Port={gate.Port};Username=postgres;Database=paymentsdb;Timeout=3",
                },
            },
        });
        using var client = new HttpClient { BaseAddress = topology.ServiceUrl(Service), Timeout = TestTimeouts.Http };
        var pid = topology.ProcessId(Service);

        // Act: let it fail to reach the database several times.
        await Wait.UntilAsync(
            () => CountLines(topology.LogPath(Service), "Cannot migrate the database") >= FailedAttemptsToObserve,
            TestTimeouts.Recovery,
            $"{Service} logged {FailedAttemptsToObserve} failed migration attempts");

        // Assert: alive, unhealthy for the right reason, same process.
        using (var alive = await client.GetAsync("/alive"))
        {
            alive.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using (var health = await client.GetAsync("/health"))
        {
            health.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            (await health.Content.ReadAsStringAsync()).Should().Contain("database").And.Contain("not migrated yet");
        }

        topology.ProcessId(Service).Should().Be(pid, "the service keeps retrying in-process instead of crash-looping");

        // Act: the database becomes reachable.
        gate.Open(topology.Postgres.Port);

        // Assert
        await topology.WaitForHealthyAsync(Service, TestTimeouts.Recovery);
        topology.ProcessId(Service).Should().Be(pid);
    }

    private static int CountLines(string path, string text)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var count = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.Contains(text, StringComparison.Ordinal))
            {
                count++;
            }
        }

        return count;
    }
}
