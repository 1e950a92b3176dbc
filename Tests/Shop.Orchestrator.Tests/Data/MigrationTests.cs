using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Shop.Orchestrator.Data;

namespace Shop.Orchestrator.Tests.Data;

/// <summary>The migrations come from <c>dotnet ef migrations add</c>; these keep the model from drifting past them.</summary>
public sealed class MigrationTests
{
    [Fact]
    public void Every_model_change_should_have_a_migration()
    {
        // The options dotnet ef uses, which are the service's own (UseServiceNpgsql).
        using var db = new OrchestratorDbContextFactory().CreateDbContext([]);

        db.Database.HasPendingModelChanges().Should().BeFalse("a model change needs 'dotnet ef migrations add' (README → Database migrations)");
    }

    [Fact]
    public void The_last_migration_should_be_the_retention_migration()
    {
        using var db = new OrchestratorDbContextFactory().CreateDbContext([]);

        db.Database.GetMigrations().Should().Equal("20261121120000_Initial", "20261121130000_Saga", "20261121150000_FinishedSagaRetention");
    }

    [Fact]
    public void The_saga_migration_should_create_the_tables_and_leave_xmin_to_postgres()
    {
        using var db = new OrchestratorDbContextFactory().CreateDbContext([]);
        var script = db.GetService<IMigrator>().GenerateScript(fromMigration: "20261121120000_Initial", toMigration: "20261121130000_Saga");

        script.Should().Contain("CREATE TABLE orchestrator.order_sagas")
            .And.Contain("CREATE TABLE orchestrator.outbox")
            .And.Contain("CREATE TABLE orchestrator.inbox")
            .And.Contain("IX_order_sagas_current_state_deadline");
        script.Should().NotContain("xmin", "xmin is a system column every Postgres row has");
    }

    [Fact]
    public void The_retention_migration_should_add_the_pruner_s_index()
    {
        using var db = new OrchestratorDbContextFactory().CreateDbContext([]);
        var script = db.GetService<IMigrator>().GenerateScript(fromMigration: "20261121130000_Saga", toMigration: "20261121150000_FinishedSagaRetention");

        script.Should().Contain("""CREATE INDEX "IX_order_sagas_current_state_updated_at" ON orchestrator.order_sagas (current_state, updated_at);""");
    }
}
