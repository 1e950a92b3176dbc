using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Orders.Domain;

namespace Shop.Orders.Data;

public sealed class OrderItemConfiguration : IEntityTypeConfiguration<OrderItem>
{
    public void Configure(EntityTypeBuilder<OrderItem> line)
    {
        line.ToTable("order_lines");
        line.HasKey(l => new { l.OrderId, l.LineNo });
        line.Property(l => l.OrderId).HasColumnName("order_id");
        line.Property(l => l.LineNo).HasColumnName("line_no").ValueGeneratedNever();
        line.Property(l => l.Sku).HasColumnName("sku").HasMaxLength(Order.MaxSkuLength);
        line.Property(l => l.Quantity).HasColumnName("quantity");
        line.Property(l => l.UnitPrice).HasColumnName("unit_price").HasPrecision(18, 2);
    }
}
