using Microsoft.EntityFrameworkCore;

namespace Shop.Orders.Data;

/// <summary>The orders service's database. Everything it owns lives in the <c>orders</c> schema.</summary>
public sealed class OrdersDbContext(DbContextOptions<OrdersDbContext> options) : DbContext(options)
{
    public const string Schema = "orders";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
    }
}
