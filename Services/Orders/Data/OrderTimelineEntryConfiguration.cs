using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Orders.Domain;

namespace Shop.Orders.Data;

public sealed class OrderTimelineEntryConfiguration : IEntityTypeConfiguration<OrderTimelineEntry>
{
    public void Configure(EntityTypeBuilder<OrderTimelineEntry> entry)
    {
        entry.ToTable("order_timeline");
        // One entry per step: a later status of the same step replaces the earlier one.
        entry.HasKey(e => new { e.OrderId, e.Step });
        entry.Property(e => e.OrderId).HasColumnName("order_id");
        entry.Property(e => e.Step).HasColumnName("step").HasMaxLength(64);
        entry.Property(e => e.Sequence).HasColumnName("sequence");
        entry.Property(e => e.Status).HasColumnName("status").HasMaxLength(64);
        entry.Property(e => e.At).HasColumnName("at");
    }
}
