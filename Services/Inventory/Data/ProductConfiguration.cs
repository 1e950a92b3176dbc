using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Inventory.Domain;

namespace Shop.Inventory.Data;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public const string Table = "products";

    public void Configure(EntityTypeBuilder<Product> builder)
    {
        // The database refuses what the domain refuses too: a bug in one handler cannot oversell.
        builder.ToTable(Table, table =>
        {
            table.HasCheckConstraint("CK_products_unit_price", "unit_price >= 0");
            table.HasCheckConstraint("CK_products_on_hand", "on_hand >= 0");
            table.HasCheckConstraint("CK_products_reserved", "reserved >= 0 AND reserved <= on_hand");
        });
        builder.HasKey(p => p.Sku);
        builder.Property(p => p.Sku).HasColumnName("sku").HasMaxLength(Product.MaxSkuLength);
        builder.Property(p => p.Name).HasColumnName("name").HasMaxLength(Product.MaxNameLength);
        builder.Property(p => p.UnitPrice).HasColumnName("unit_price").HasPrecision(18, 2);
        builder.Property(p => p.OnHand).HasColumnName("on_hand");
        builder.Property(p => p.Reserved).HasColumnName("reserved");
        builder.Property(p => p.UpdatedAt).HasColumnName("updated_at");
        builder.Ignore(p => p.Available);
    }
}
