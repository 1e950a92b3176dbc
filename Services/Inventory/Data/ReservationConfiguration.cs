using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Inventory.Domain;

namespace Shop.Inventory.Data;

internal sealed class ReservationConfiguration : IEntityTypeConfiguration<Reservation>
{
    public const string Table = "reservations";

    public void Configure(EntityTypeBuilder<Reservation> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(r => r.OrderId);
        builder.Property(r => r.OrderId).HasColumnName("order_id").ValueGeneratedNever();
        builder.Property(r => r.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.ExpiresAt).HasColumnName("expires_at");
        builder.Property(r => r.CreatedAt).HasColumnName("created_at");
        builder.Property(r => r.UpdatedAt).HasColumnName("updated_at");
        builder.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Lines).HasField("_lines").UsePropertyAccessMode(PropertyAccessMode.Field);

        // The expiry sweeper looks only at holds; released and committed reservations pile up and must not slow it.
        builder.HasIndex(r => r.ExpiresAt).HasDatabaseName("IX_reservations_held_expires_at").HasFilter("status = 'Held'");
    }
}
