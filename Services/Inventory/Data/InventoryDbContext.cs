using Microsoft.EntityFrameworkCore;

namespace Shop.Inventory.Data;

/// <summary>The inventory service's database. Everything it owns lives in the <c>inventory</c> schema.</summary>
public sealed class InventoryDbContext(DbContextOptions<InventoryDbContext> options) : DbContext(options)
{
    public const string Schema = "inventory";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
    }
}
