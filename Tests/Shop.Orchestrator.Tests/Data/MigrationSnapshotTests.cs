using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Shop.Orchestrator.Data;
using Shop.Testing.Migrations;

namespace Shop.Orchestrator.Tests.Data;

/// <summary>
/// The migrations are hand-written, so nothing but this test keeps the snapshot equal to the model: a difference
/// makes EF refuse to migrate at start-up (PendingModelChangesWarning).
/// </summary>
public sealed class MigrationSnapshotTests
{
    [Fact]
    public void The_snapshot_should_equal_the_model()
    {
        using var db = CreateContext();

        HandWrittenMigrations.SnapshotDrift(db).Should().BeEmpty();
    }

    [Fact]
    public void The_retention_migration_should_target_the_snapshot_and_add_the_pruner_s_index()
    {
        using var db = CreateContext();

        HandWrittenMigrations.TargetDrift(db, "20261121150000_FinishedSagaRetention").Should().BeEmpty();
        HandWrittenMigrations.UpDrift(db, "20261121130000_Saga", "20261121150000_FinishedSagaRetention").Should().BeEmpty();
    }

    [Fact]
    public void The_last_migration_should_be_the_retention_migration()
    {
        using var db = CreateContext();

        db.Database.GetMigrations().Should().Equal("20261121120000_Initial", "20261121130000_Saga", "20261121150000_FinishedSagaRetention");
    }

    [Fact]
    public void The_saga_migration_should_create_the_tables_and_leave_xmin_to_postgres()
    {
        using var db = CreateContext();
        var script = db.GetService<IMigrator>().GenerateScript(fromMigration: "20261121120000_Initial", toMigration: "20261121130000_Saga");

        script.Should().Contain("CREATE TABLE orchestrator.order_sagas")
            .And.Contain("CREATE TABLE orchestrator.outbox")
            .And.Contain("CREATE TABLE orchestrator.inbox")
            .And.Contain("IX_order_sagas_current_state_deadline");
        script.Should().NotContain("xmin", "xmin is a system column every Postgres row has");
    }

    private static OrchestratorDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<OrchestratorDbContext>()
            .UseNpgsql("Host=localhost;Database=unused", npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory", OrchestratorDbContext.Schema))
            .Options);
}
