using Microsoft.EntityFrameworkCore;

namespace Shop.Payments.Data;

/// <summary>The payments service's database. Everything it owns lives in the <c>payments</c> schema.</summary>
public sealed class PaymentsDbContext(DbContextOptions<PaymentsDbContext> options) : DbContext(options)
{
    public const string Schema = "payments";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
    }
}
