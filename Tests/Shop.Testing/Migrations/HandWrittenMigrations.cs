using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace Shop.Testing.Migrations;

/// <summary>
/// The services' migrations are written by hand (dotnet-ef's design package does not restore here), so these checks
/// stand in for what the tool guarantees: the snapshot is the model (else EF refuses to migrate with
/// PendingModelChangesWarning), a migration's target model is the snapshot, and its Up creates what the model needs.
/// Each returns the differences it found, described; empty means in step.
/// </summary>
public static class HandWrittenMigrations
{
    public static IReadOnlyList<string> SnapshotDrift(DbContext db)
    {
        var snapshot = Finalize(db, db.GetService<IMigrationsAssembly>().ModelSnapshot!.Model);
        return Describe(db.GetService<IMigrationsModelDiffer>()
            .GetDifferences(snapshot.GetRelationalModel(), db.GetService<IDesignTimeModel>().Model.GetRelationalModel()));
    }

    public static IReadOnlyList<string> TargetDrift(DbContext db, string migrationId)
    {
        var migrations = db.GetService<IMigrationsAssembly>();
        var target = Finalize(db, migrations.CreateMigration(migrations.Migrations[migrationId], db.Database.ProviderName!).TargetModel!);
        var snapshot = Finalize(db, migrations.ModelSnapshot!.Model);
        return Describe(db.GetService<IMigrationsModelDiffer>().GetDifferences(target.GetRelationalModel(), snapshot.GetRelationalModel()));
    }

    /// <summary>Compares the tables and indexes <paramref name="migrationId"/>'s Up creates with what EF would generate
    /// to go from <paramref name="previousId"/>'s target model to the current model.</summary>
    public static IReadOnlyList<string> UpDrift(DbContext db, string previousId, string migrationId)
    {
        var migrations = db.GetService<IMigrationsAssembly>();
        var previous = migrations.CreateMigration(migrations.Migrations[previousId], db.Database.ProviderName!);
        var migration = migrations.CreateMigration(migrations.Migrations[migrationId], db.Database.ProviderName!);
        var expected = db.GetService<IMigrationsModelDiffer>().GetDifferences(
            Finalize(db, previous.TargetModel!).GetRelationalModel(), db.GetService<IDesignTimeModel>().Model.GetRelationalModel());

        var drift = new List<string>();
        var created = migration.UpOperations.OfType<CreateTableOperation>().ToDictionary(t => (t.Schema, t.Name));
        foreach (var table in expected.OfType<CreateTableOperation>())
        {
            if (!created.TryGetValue((table.Schema, table.Name), out var actual))
            {
                drift.Add($"table {table.Schema}.{table.Name} is not created");
                continue;
            }

            drift.AddRange(Mismatch($"{table.Name} columns", actual.Columns.Select(c => $"{c.Name} {c.ColumnType} null={c.IsNullable}"),
                table.Columns.Select(c => $"{c.Name} {c.ColumnType} null={c.IsNullable}")));
            drift.AddRange(Mismatch($"{table.Name} primary key", [string.Join(",", actual.PrimaryKey!.Columns)], [string.Join(",", table.PrimaryKey!.Columns)]));
            drift.AddRange(Mismatch($"{table.Name} foreign keys",
                actual.ForeignKeys.Select(f => $"{f.Name} -> {f.PrincipalTable} ({string.Join(",", f.Columns)}) {f.OnDelete}"),
                table.ForeignKeys.Select(f => $"{f.Name} -> {f.PrincipalTable} ({string.Join(",", f.Columns)}) {f.OnDelete}")));
        }

        drift.AddRange(Mismatch("indexes",
            migration.UpOperations.OfType<CreateIndexOperation>().Select(i => $"{i.Name} on {i.Table} ({string.Join(",", i.Columns)}) unique={i.IsUnique}"),
            expected.OfType<CreateIndexOperation>().Select(i => $"{i.Name} on {i.Table} ({string.Join(",", i.Columns)}) unique={i.IsUnique}")));
        return drift;
    }

    private static IEnumerable<string> Mismatch(string what, IEnumerable<string> actual, IEnumerable<string> expected)
    {
        var (a, e) = (actual.ToHashSet(), expected.ToHashSet());
        return a.SetEquals(e)
            ? []
            : [$"{what}: missing [{string.Join("; ", e.Except(a))}], unexpected [{string.Join("; ", a.Except(e))}]"];
    }

    private static List<string> Describe(IEnumerable<MigrationOperation> operations) =>
        operations.Select(operation => operation switch
        {
            AlterColumnOperation alter =>
                $"alter {alter.Table}.{alter.Name}: {alter.OldColumn.ColumnType} null={alter.OldColumn.IsNullable} -> {alter.ColumnType} null={alter.IsNullable}",
            ColumnOperation column => $"{column.GetType().Name} {column.Table}.{column.Name}",
            TableOperation table => $"{table.GetType().Name} {table.Name}",
            DropTableOperation table => $"{table.GetType().Name} {table.Name}",
            CreateIndexOperation index => $"create index {index.Name}",
            DropIndexOperation index => $"drop index {index.Name}",
            _ => operation.GetType().Name,
        }).ToList();

    private static IModel Finalize(DbContext db, IModel model) =>
        db.GetService<IModelRuntimeInitializer>().Initialize(
            model is IMutableModel mutable ? mutable.FinalizeModel() : model, designTime: true, validationLogger: null);
}
