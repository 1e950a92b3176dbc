using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Shop.Orders.Data;
using Shop.Testing.Migrations;

namespace Shop.Orders.Tests.Data;

/// <summary>The hand-written migrations against the model: see <see cref="HandWrittenMigrations"/>.</summary>
public sealed class MigrationTests
{
    private const string Initial = "20261121120000_Initial";
    private const string Saga = "20261121130000_Saga";
    private const string OrderChangeNotifications = "20261121140000_OrderChangeNotifications";
    private const string DropTimelineNotifications = "20261121150000_DropTimelineNotifications";
    private const string UnfinishedOrdersIndex = "20261121160000_UnfinishedOrdersIndex";

    [Fact]
    public void The_snapshot_equals_the_model()
    {
        using var db = CreateContext();

        HandWrittenMigrations.SnapshotDrift(db).Should().BeEmpty();
        db.Database.HasPendingModelChanges().Should().BeFalse();
    }

    [Fact]
    public void The_unfinished_orders_index_migration_is_the_latest_and_every_migration_since_the_saga_targets_the_snapshot()
    {
        // One context per check: each finalizes the context's (cached) snapshot model, which can happen only once.
        using var db = CreateContext();
        using var again = CreateContext();
        using var third = CreateContext();
        using var fourth = CreateContext();

        db.Database.GetMigrations().Should().Equal(Initial, Saga, OrderChangeNotifications, DropTimelineNotifications, UnfinishedOrdersIndex);
        HandWrittenMigrations.TargetDrift(db, Saga).Should().BeEmpty();
        HandWrittenMigrations.TargetDrift(again, OrderChangeNotifications).Should().BeEmpty();
        HandWrittenMigrations.TargetDrift(third, DropTimelineNotifications).Should().BeEmpty();
        HandWrittenMigrations.TargetDrift(fourth, UnfinishedOrdersIndex).Should().BeEmpty();
    }

    [Fact]
    public void The_unfinished_orders_index_is_partial_on_a_column_that_changes_once_per_order()
    {
        using var db = CreateContext();
        var script = db.GetService<IMigrator>().GenerateScript(fromMigration: DropTimelineNotifications, toMigration: UnfinishedOrdersIndex);

        script.Should().Contain("GENERATED ALWAYS AS (status IN ('Completed', 'Cancelled')) STORED")
            .And.Contain("""CREATE INDEX "IX_orders_unfinished" ON "orders".orders (created_at) WHERE NOT finished;""");
    }

    [Fact]
    public void The_saga_migration_creates_what_the_model_needs()
    {
        using var db = CreateContext();

        HandWrittenMigrations.UpDrift(db, Initial, Saga).Should().BeEmpty();
    }

    private static OrdersDbContext CreateContext() => new(new DbContextOptionsBuilder<OrdersDbContext>()
        .UseNpgsql("Host=127.0.0.1;Database=unused", npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory", OrdersDbContext.Schema))
        .Options);
}
