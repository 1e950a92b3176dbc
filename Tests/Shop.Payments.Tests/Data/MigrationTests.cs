using Microsoft.EntityFrameworkCore;
using Shop.Payments.Data;

namespace Shop.Payments.Tests.Data;

/// <summary>The migrations come from <c>dotnet ef migrations add</c>; these keep the model from drifting past them.</summary>
public sealed class MigrationTests
{
    [Fact]
    public void Every_model_change_has_a_migration()
    {
        // The options dotnet ef uses, which are the service's own (UseServiceNpgsql).
        using var db = new PaymentsDbContextFactory().CreateDbContext([]);

        db.Database.HasPendingModelChanges().Should().BeFalse("a model change needs 'dotnet ef migrations add' (README → Database migrations)");
    }

    [Fact]
    public void The_saga_migration_is_the_latest()
    {
        using var db = new PaymentsDbContextFactory().CreateDbContext([]);

        db.Database.GetMigrations().Should().Equal("20261121120000_Initial", "20261121130000_Saga");
    }
}
