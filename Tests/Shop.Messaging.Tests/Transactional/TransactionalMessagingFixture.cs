using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Shop.LocalHost;
using Shop.Messaging.Kafka;
using Shop.Messaging.Persistence;
using Shop.Messaging.Tests.Support;

namespace Shop.Messaging.Tests.Transactional;

/// <summary>
/// Real PostgreSQL and the Kafka-protocol broker from LocalHost's infrastructure (no services), with the widgets
/// schema created from the same migration operations the services use (tables and NOTIFY trigger).
/// </summary>
public sealed class TransactionalMessagingFixture : IAsyncLifetime
{
    private LocalTopology? _infrastructure;

    public LocalTopology Infrastructure => _infrastructure ?? throw new InvalidOperationException("not started");

    public string BootstrapServers => Infrastructure.Kafka.BootstrapServers;

    public string ConnectionString => Infrastructure.ConnectionStrings["ordersdb"];

    public async Task InitializeAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"shop-messaging-tests-{Environment.ProcessId}");
        _infrastructure = await LocalTopology.StartAsync(new LocalTopologyOptions
        {
            Services = [],
            KafkaPartitions = KafkaBrokerFixture.Partitions,
            KafkaTopics = [.. Topics.All, .. WidgetTopics.All],
            StateFilePath = Path.Combine(folder, "state.json"),
            LogDirectory = Path.Combine(folder, "logs"),
        });

        // Each test starts a new member of the same group; the broker's default 3 s wait for more members is
        // only latency here.
        _infrastructure.Kafka.SetGroupInitialRebalanceDelay(TimeSpan.Zero);

        await using var db = CreateContext();
        var migration = new MigrationBuilder(db.Database.ProviderName);
        migration.EnsureSchema(WidgetDbContext.Schema);
        migration.Sql($"""CREATE TABLE "{WidgetDbContext.Schema}".widgets (order_id uuid PRIMARY KEY, name text NOT NULL, times_handled integer NOT NULL)""");
        migration.CreateOutboxAndInbox(WidgetDbContext.Schema);
        foreach (var command in db.GetService<IMigrationsSqlGenerator>().Generate(migration.Operations, db.Model))
        {
            await db.Database.ExecuteSqlRawAsync(command.CommandText);
        }
    }

    public WidgetDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<WidgetDbContext>().UseNpgsql(ConnectionString).Options);

    public async Task DisposeAsync()
    {
        if (_infrastructure is not null)
        {
            await _infrastructure.DisposeAsync();
        }
    }
}
