using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Shop.Orders.Data;

namespace Shop.Orders.Tests.Data;

/// <summary>The migrations come from <c>dotnet ef migrations add</c>; these keep the model from drifting past them.</summary>
public sealed class MigrationTests
{
    private const string DropTimelineNotifications = "20261121150000_DropTimelineNotifications";
    private const string UnfinishedOrdersIndex = "20261121160000_UnfinishedOrdersIndex";

    [Fact]
    public void Every_model_change_has_a_migration()
    {
        // The options dotnet ef uses, which are the service's own (UseServiceNpgsql).
        using var db = new OrdersDbContextFactory().CreateDbContext([]);

        db.Database.HasPendingModelChanges().Should().BeFalse("a model change needs 'dotnet ef migrations add' (README → Database migrations)");
    }

    [Fact]
    public void The_unfinished_orders_index_migration_is_the_latest()
    {
        using var db = new OrdersDbContextFactory().CreateDbContext([]);

        db.Database.GetMigrations().Should().Equal(
            "20261121120000_Initial", "20261121130000_Saga", "20261121140000_OrderChangeNotifications", DropTimelineNotifications, UnfinishedOrdersIndex);
    }

    [Fact]
    public void The_unfinished_orders_index_is_partial_on_a_column_that_changes_once_per_order()
    {
        using var db = new OrdersDbContextFactory().CreateDbContext([]);
        var script = db.GetService<IMigrator>().GenerateScript(fromMigration: DropTimelineNotifications, toMigration: UnfinishedOrdersIndex);

        script.Should().Contain("GENERATED ALWAYS AS (status IN ('Completed', 'Cancelled')) STORED")
            .And.Contain("""CREATE INDEX "IX_orders_unfinished" ON "orders".orders (created_at) WHERE NOT finished;""");
    }
}
