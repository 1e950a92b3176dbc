using Confluent.Kafka;
using Npgsql;
using Shop.EndToEnd.Tests.Support;
using Shop.LocalHost;
using Shop.LocalHost.Prerequisites;
using Shop.Messaging.Kafka;
using Shop.Testing;

namespace Shop.EndToEnd.Tests.LocalHost;

/// <summary>Starting and stopping topologies of their own, infrastructure only (no services), so each test
/// takes a couple of seconds.</summary>
public sealed class LocalTopologyLifecycleTests
{
    private static readonly TimeSpan InfrastructureTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Dispose_stops_every_process_and_removes_the_data_and_the_state_file()
    {
        // Arrange
        var options = InfrastructureOnly("dispose");
        var topology = await LocalTopology.StartAsync(options);
        var pids = topology.Components.Select(component => component.Pid).Where(pid => pid != Environment.ProcessId).ToList();
        var runId = topology.RunId;
        var dataDirectory = topology.DataDirectory;
        pids.Should().HaveCount(2).And.OnlyContain(pid => ProcessProbe.IsAlive(pid));
        File.Exists(options.StateFilePath).Should().BeTrue();

        // Act
        await topology.DisposeAsync();

        // Assert
        pids.Should().OnlyContain(pid => !ProcessProbe.IsAlive(pid));
        ProcessProbe.ProcessesOfRun(runId).Should().BeEmpty("postgres backends and anything else of the run must be gone too");
        Directory.Exists(dataDirectory).Should().BeFalse();
        File.Exists(options.StateFilePath).Should().BeFalse();
    }

    [Fact]
    public async Task Two_topologies_run_side_by_side_on_their_own_ports()
    {
        // Arrange
        await using var first = await LocalTopology.StartAsync(InfrastructureOnly("side-by-side-1"));

        // Act
        await using var second = await LocalTopology.StartAsync(InfrastructureOnly("side-by-side-2"));

        // Assert
        var firstPorts = new[] { first.Postgres.Port, first.Redis.Port }.Concat(first.Kafka.BrokerPorts);
        var secondPorts = new[] { second.Postgres.Port, second.Redis.Port }.Concat(second.Kafka.BrokerPorts);
        firstPorts.Should().NotIntersectWith(secondPorts);
        (await ScalarAsync<int>(first, "ordersdb", "SELECT 1")).Should().Be(1);
        (await ScalarAsync<int>(second, "ordersdb", "SELECT 1")).Should().Be(1);
    }

    [Fact]
    public async Task Every_topic_exists_with_the_configured_partition_count_before_any_service_starts()
    {
        // Arrange
        await using var topology = await LocalTopology.StartAsync(InfrastructureOnly("topics") with { KafkaPartitions = 4 });
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = topology.ConnectionStrings["kafka"] }).Build();

        // Act
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));

        // Assert
        metadata.Brokers.Should().HaveCount(3);
        metadata.Topics.Select(topic => topic.Topic).Should().BeEquivalentTo(Topics.All);
        metadata.Topics.Should().AllSatisfy(topic => topic.Partitions.Should().HaveCount(4, topic.Topic));
    }

    [Fact]
    public async Task The_four_databases_exist_and_postgres_killed_with_SIGKILL_comes_back_with_its_data()
    {
        // Arrange
        await using var topology = await LocalTopology.StartAsync(InfrastructureOnly("postgres-restart"));
        foreach (var database in new[] { "ordersdb", "inventorydb", "paymentsdb", "orchestratordb" })
        {
            (await ScalarAsync<string>(topology, database, "SELECT current_database()")).Should().Be(database);
        }

        await ScalarAsync<int>(topology, "ordersdb", "CREATE TABLE survivor (id int); INSERT INTO survivor VALUES (42); SELECT 1");

        // Act
        var killed = await topology.KillAsync("postgres");

        // Assert
        await Wait.UntilAsync(() => topology.ProcessId("postgres") != killed, TimeSpan.FromSeconds(5), "postgres restarted");
        var survivor = await Wait.ForAsync<int>(
            () => TryScalarAsync(topology, "ordersdb", "SELECT id FROM survivor"),
            InfrastructureTimeout,
            "postgres accepting connections after crash recovery");
        survivor.Should().Be(42);
    }

    [Fact]
    public async Task Missing_service_build_output_is_reported_as_a_missing_prerequisite_before_anything_starts()
    {
        // Arrange
        var options = InfrastructureOnly("missing-build") with { Services = ["orders"], Configuration = "NoSuchConfiguration" };

        // Act
        var start = () => LocalTopology.StartAsync(options);

        // Assert
        var failure = await start.Should().ThrowAsync<MissingPrerequisiteException>();
        failure.Which.Message.Should().Contain("Shop.Orders.dll").And.Contain("dotnet build");
        failure.Which.Message.Should().NotContain("\n");
        File.Exists(options.StateFilePath).Should().BeFalse();
    }

    private static LocalTopologyOptions InfrastructureOnly(string name)
    {
        var folder = TestRunDirectory.For(name);
        return new LocalTopologyOptions
        {
            Services = [],
            StateFilePath = Path.Combine(folder, "state.json"),
            LogDirectory = Path.Combine(folder, "logs"),
            InfrastructureStartTimeout = InfrastructureTimeout,
        };
    }

    private static async Task<T> ScalarAsync<T>(LocalTopology topology, string database, string sql)
    {
        // Unpooled: a pooled connection would outlive the test's cluster, and break on a killed server.
        var connectionString = new NpgsqlConnectionStringBuilder(topology.Postgres.ConnectionString(database)) { Pooling = false };
        await using var connection = new NpgsqlConnection(connectionString.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<int?> TryScalarAsync(LocalTopology topology, string database, string sql)
    {
        try
        {
            return await ScalarAsync<int>(topology, database, sql);
        }
        catch (NpgsqlException)
        {
            return null;
        }
    }
}
