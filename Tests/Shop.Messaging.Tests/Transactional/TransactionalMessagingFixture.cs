using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Shop.AppHost.Testing;
using Shop.Messaging.Persistence;
using Shop.Messaging.Tests.Support;

namespace Shop.Messaging.Tests.Transactional;

/// <summary>
/// Real PostgreSQL and the Kafka-protocol broker from the AppHost's infrastructure (no services), with the widgets
/// schema created from the same migration operations the services use (tables and NOTIFY trigger).
/// </summary>
public sealed class TransactionalMessagingFixture : IAsyncLifetime
{
    private ShopAppHost? _infrastructure;

    public ShopAppHost Infrastructure => _infrastructure ?? throw new InvalidOperationException("not started");

    public string BootstrapServers => Infrastructure.KafkaBootstrapServers;

    public string ConnectionString => Infrastructure.ConnectionStrings["ordersdb"];

    public async Task InitializeAsync()
    {
        // The local broker starts new groups without Kafka's 3 s wait for more members (each test here starts a new
        // member of the same group).
        _infrastructure = await ShopAppHost.StartInfrastructureAsync(new ShopAppHostOptions
        {
            KafkaPartitions = KafkaBrokerFixture.Partitions,
            ExtraKafkaTopics = [.. WidgetTopics.All],
        });

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
