using Microsoft.EntityFrameworkCore;
using Shop.Inventory.Data;
using Shop.Testing.Migrations;

namespace Shop.Inventory.Tests.Data;

/// <summary>The hand-written migrations against the model: see <see cref="HandWrittenMigrations"/>.</summary>
public sealed class MigrationTests
{
    private const string Initial = "20261121120000_Initial";
    private const string Saga = "20261121130000_Saga";

    [Fact]
    public void The_snapshot_equals_the_model()
    {
        using var db = CreateContext();

        HandWrittenMigrations.SnapshotDrift(db).Should().BeEmpty();
        db.Database.HasPendingModelChanges().Should().BeFalse();
    }

    [Fact]
    public void The_saga_migration_is_the_latest_and_targets_the_snapshot()
    {
        using var db = CreateContext();

        db.Database.GetMigrations().Should().Equal(Initial, Saga);
        HandWrittenMigrations.TargetDrift(db, Saga).Should().BeEmpty();
    }

    [Fact]
    public void The_saga_migration_creates_what_the_model_needs()
    {
        using var db = CreateContext();

        HandWrittenMigrations.UpDrift(db, Initial, Saga).Should().BeEmpty();
    }

    private static InventoryDbContext CreateContext() => new(new DbContextOptionsBuilder<InventoryDbContext>()
        .UseNpgsql("Host=127.0.0.1;Database=unused", npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory", InventoryDbContext.Schema))
        .Options);
}
