using Microsoft.EntityFrameworkCore;
using Shop.Messaging.Persistence;
using Shop.Orders.Domain;

namespace Shop.Orders.Data;

/// <summary>The orders service's database. Everything it owns lives in the <c>orders</c> schema.</summary>
public sealed class OrdersDbContext(DbContextOptions<OrdersDbContext> options) : DbContext(options)
{
    public const string Schema = "orders";

    public DbSet<Order> Orders => Set<Order>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.ApplyConfiguration(new OrderConfiguration());
        modelBuilder.ApplyConfiguration(new OrderItemConfiguration());
        modelBuilder.ApplyConfiguration(new OrderTimelineEntryConfiguration());
    }
}
