using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Shop.Orders.Data;

namespace Shop.Orders.Tests.Data;

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

    [Fact]
    public void The_saga_migration_creates_what_the_model_needs()
    {
        using var db = CreateContext();
        var migrations = db.GetService<IMigrationsAssembly>();
        var initial = migrations.CreateMigration(migrations.Migrations["20261121120000_Initial"], db.Database.ProviderName!);
        var saga = migrations.CreateMigration(migrations.Migrations["20261121130000_Saga"], db.Database.ProviderName!);

        // What EF would generate from the Initial target to the model, against what the Saga migration's Up does.
        var expected = db.GetService<IMigrationsModelDiffer>().GetDifferences(
            Finalize(db, initial.TargetModel!).GetRelationalModel(), db.GetService<IDesignTimeModel>().Model.GetRelationalModel());
        var tables = saga.UpOperations.OfType<CreateTableOperation>().ToDictionary(t => t.Name);

        foreach (var create in expected.OfType<CreateTableOperation>())
        {
            tables.Should().ContainKey(create.Name);
            var actual = tables[create.Name];
            actual.Schema.Should().Be(create.Schema);
            actual.Columns.Select(c => (c.Name, c.ColumnType, c.IsNullable))
                .Should().BeEquivalentTo(create.Columns.Select(c => (c.Name, c.ColumnType, c.IsNullable)), create.Name);
            actual.PrimaryKey!.Columns.Should().Equal(create.PrimaryKey!.Columns, create.Name);
            actual.ForeignKeys.Select(f => (f.Name, f.PrincipalTable, string.Join(",", f.Columns), f.OnDelete))
                .Should().BeEquivalentTo(create.ForeignKeys.Select(f => (f.Name, f.PrincipalTable, string.Join(",", f.Columns), f.OnDelete)));
        }

        var indexes = saga.UpOperations.OfType<CreateIndexOperation>().Select(i => (i.Name, i.Table, string.Join(",", i.Columns), i.IsUnique));
        indexes.Should().BeEquivalentTo(
            expected.OfType<CreateIndexOperation>().Select(i => (i.Name, i.Table, string.Join(",", i.Columns), i.IsUnique)));
    }

    private static string Describe(MigrationOperation operation) => operation switch
    {
        AlterColumnOperation alter =>
            $"alter {alter.Table}.{alter.Name}: {alter.OldColumn.ColumnType} null={alter.OldColumn.IsNullable} -> {alter.ColumnType} null={alter.IsNullable}",
        ColumnOperation column => $"{operation.GetType().Name} {column.Table}.{column.Name}",
        _ => operation.GetType().Name,
    };

    private static IModel Finalize(DbContext db, IModel model) =>
        db.GetService<IModelRuntimeInitializer>().Initialize(
            model is IMutableModel mutable ? mutable.FinalizeModel() : model, designTime: true, validationLogger: null);

    private static OrdersDbContext CreateContext() => new(new DbContextOptionsBuilder<OrdersDbContext>()
        .UseNpgsql("Host=127.0.0.1;Database=unused", npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory", OrdersDbContext.Schema))
        .Options);
}
