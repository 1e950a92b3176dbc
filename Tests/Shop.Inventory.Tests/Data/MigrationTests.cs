using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Shop.Inventory.Data;

namespace Shop.Inventory.Tests.Data;

/// <summary>The migrations are hand-written (dotnet-ef does not restore here); these catch a snapshot or a target model
/// that drifted from the DbContext's model, which EF would otherwise report only at Migrate as pending model changes.</summary>
public sealed class MigrationTests
{
    [Fact]
    public void The_snapshot_equals_the_model()
    {
        using var db = CreateContext();

        var differ = db.GetService<IMigrationsModelDiffer>();
        var snapshot = Finalize(db, db.GetService<IMigrationsAssembly>().ModelSnapshot!.Model);
        var model = db.GetService<IDesignTimeModel>().Model;

        differ.GetDifferences(snapshot.GetRelationalModel(), model.GetRelationalModel()).Select(Describe).Should().BeEmpty();
        differ.HasDifferences(snapshot.GetRelationalModel(), model.GetRelationalModel()).Should().BeFalse();
        db.Database.HasPendingModelChanges().Should().BeFalse();
    }

    [Fact]
    public void The_saga_migration_is_the_latest_and_targets_the_snapshot()
    {
        using var db = CreateContext();
        var migrations = db.GetService<IMigrationsAssembly>();

        migrations.Migrations.Keys.Should().Equal("20261121120000_Initial", "20261121130000_Saga");
        var saga = migrations.CreateMigration(migrations.Migrations["20261121130000_Saga"], db.Database.ProviderName!);
        var target = Finalize(db, saga.TargetModel!);
        var snapshot = Finalize(db, migrations.ModelSnapshot!.Model);

        db.GetService<IMigrationsModelDiffer>()
            .HasDifferences(target.GetRelationalModel(), snapshot.GetRelationalModel()).Should().BeFalse();
    }

    private static string Describe(MigrationOperation operation) => operation switch
    {
        ColumnOperation column => $"{operation.GetType().Name} {column.Table}.{column.Name}",
        TableOperation table => $"{operation.GetType().Name} {table.Name}",
        DropTableOperation table => $"{operation.GetType().Name} {table.Name}",
        _ => operation.GetType().Name,
    };

    private static IModel Finalize(DbContext db, IModel model) =>
        db.GetService<IModelRuntimeInitializer>().Initialize(
            model is IMutableModel mutable ? mutable.FinalizeModel() : model, designTime: true, validationLogger: null);

    private static InventoryDbContext CreateContext() => new(new DbContextOptionsBuilder<InventoryDbContext>()
        .UseNpgsql("Host=127.0.0.1;Database=unused", npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory", InventoryDbContext.Schema))
        .Options);
}
