using Microsoft.EntityFrameworkCore;
using Shop.Inventory.Domain;
using Shop.Messaging.Persistence;

namespace Shop.Inventory.Data;

/// <summary>The inventory service's database. Everything it owns lives in the <c>inventory</c> schema.</summary>
public sealed class InventoryDbContext(DbContextOptions<InventoryDbContext> options) : DbContext(options)
{
    public const string Schema = "inventory";

    public DbSet<Product> Products => Set<Product>();

    public DbSet<Reservation> Reservations => Set<Reservation>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.ApplyConfiguration(new ProductConfiguration());
        modelBuilder.ApplyConfiguration(new ReservationConfiguration());
        modelBuilder.ApplyConfiguration(new ReservationLineConfiguration());
    }
}
