using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Shop.Payments.Data;

namespace Shop.Payments.Tests.Data;

/// <summary>The migrations are hand-written; these tests stand in for dotnet-ef's "pending model changes" check,
/// which EF Core also makes at Migrate (PendingModelChangesWarning) and which would stop the service.</summary>
public sealed class MigrationTests
{
    [Fact]
    public void The_snapshot_equals_the_model()
    {
        using var db = CreateContext();
        var snapshot = Finalize(db, db.GetService<IMigrationsAssembly>().ModelSnapshot!.Model);

        var differ = db.GetService<IMigrationsModelDiffer>();

        differ.GetDifferences(snapshot.GetRelationalModel(), DesignTimeModel(db).GetRelationalModel())
            .Select(Describe).Should().BeEmpty("the snapshot must be the model that the migrations build");
        db.Database.HasPendingModelChanges().Should().BeFalse();
    }

    [Fact]
    public void The_latest_migration_targets_the_snapshot()
    {
        using var db = CreateContext();
        var migrations = db.GetService<IMigrationsAssembly>();
        var latest = migrations.Migrations.Last();
        var migration = migrations.CreateMigration(latest.Value, db.Database.ProviderName!);
        var target = Finalize(db, migration.TargetModel!);
        var snapshot = Finalize(db, migrations.ModelSnapshot!.Model);

        latest.Key.Should().Be("20261121130000_Saga");
        db.GetService<IMigrationsModelDiffer>()
            .GetDifferences(target.GetRelationalModel(), snapshot.GetRelationalModel())
            .Select(Describe).Should().BeEmpty("the migration's target model must be the snapshot");
    }

    private static string Describe(MigrationOperation operation) => operation switch
    {
        AlterColumnOperation alter =>
            $"alter {alter.Table}.{alter.Name}: {alter.OldColumn.ColumnType} null={alter.OldColumn.IsNullable} -> {alter.ColumnType} null={alter.IsNullable}",
        ColumnOperation column => $"{column.GetType().Name} {column.Table}.{column.Name}",
        _ => operation.GetType().Name,
    };

    private static PaymentsDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<PaymentsDbContext>().UseNpgsql("Host=unused").Options);

    private static IModel DesignTimeModel(DbContext db) => db.GetService<IDesignTimeModel>().Model;

    private static IModel Finalize(DbContext db, IModel model)
    {
        if (model is IMutableModel mutable)
        {
            model = mutable.FinalizeModel();
        }

        return db.GetService<IModelRuntimeInitializer>().Initialize(model, designTime: true, validationLogger: null);
    }
}
