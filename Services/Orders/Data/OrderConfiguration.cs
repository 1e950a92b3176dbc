using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Orders.Domain;

namespace Shop.Orders.Data;

public sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> order)
    {
        order.ToTable("orders");
        order.HasKey(o => o.Id);
        order.Property(o => o.Id).HasColumnName("id").ValueGeneratedNever();
        order.Property(o => o.CustomerId).HasColumnName("customer_id").HasMaxLength(Order.MaxCustomerIdLength);
        order.Property(o => o.Status).HasColumnName("status").HasMaxLength(32);
        order.Property(o => o.Reason).HasColumnName("reason").HasMaxLength(200);
        order.Property(o => o.Total).HasColumnName("total").HasPrecision(18, 2);
        order.Property(o => o.CreatedAt).HasColumnName("created_at");
        order.Property(o => o.UpdatedAt).HasColumnName("updated_at");
        order.Property(o => o.IdempotencyKey).HasColumnName("idempotency_key").HasMaxLength(Order.MaxIdempotencyKeyLength);
        order.Property(o => o.RequestHash).HasColumnName("request_hash").HasMaxLength(64);
        order.Ignore(o => o.IsTerminal);

        // DESIGN §4: a key names one request whoever sends it; another body under the same key is a conflict.
        order.HasIndex(o => o.IdempotencyKey).IsUnique();
        // The listing's keyset order, with and without the customer filter.
        order.HasIndex(o => new { o.CreatedAt, o.Id });
        order.HasIndex(o => new { o.CustomerId, o.CreatedAt, o.Id });

        order.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
        order.HasMany(o => o.Timeline).WithOne().HasForeignKey(e => e.OrderId).OnDelete(DeleteBehavior.Cascade);
    }
}
