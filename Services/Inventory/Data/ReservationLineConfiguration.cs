using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Inventory.Domain;

namespace Shop.Inventory.Data;

internal sealed class ReservationLineConfiguration : IEntityTypeConfiguration<ReservationLine>
{
    public const string Table = "reservation_lines";

    public void Configure(EntityTypeBuilder<ReservationLine> builder)
    {
        builder.ToTable(Table, table => table.HasCheckConstraint("CK_reservation_lines_quantity", "quantity > 0"));
        builder.HasKey(l => new { l.OrderId, l.Sku });
        builder.Property(l => l.OrderId).HasColumnName("order_id");
        builder.Property(l => l.Sku).HasColumnName("sku").HasMaxLength(Product.MaxSkuLength);
        builder.Property(l => l.Quantity).HasColumnName("quantity");
    }
}
