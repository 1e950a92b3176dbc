using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Orchestrator.Saga;

namespace Shop.Orchestrator.Data;

public sealed class OrderSagaStateConfiguration : IEntityTypeConfiguration<OrderSagaState>
{
    public void Configure(EntityTypeBuilder<OrderSagaState> builder)
    {
        builder.ToTable("order_sagas");
        builder.HasKey(s => s.CorrelationId);
        builder.Property(s => s.CorrelationId).HasColumnName("correlation_id").ValueGeneratedNever();
        builder.Property(s => s.CurrentState).HasColumnName("current_state").HasMaxLength(64);
        builder.Property(s => s.CustomerId).HasColumnName("customer_id").HasMaxLength(200);
        builder.Property(s => s.Lines).HasColumnName("lines").HasColumnType("jsonb");
        builder.Property(s => s.Total).HasColumnName("total").HasColumnType("numeric(18,2)");
        builder.Property(s => s.Reason).HasColumnName("reason").HasMaxLength(64);
        builder.Property(s => s.StockReserved).HasColumnName("stock_reserved");
        builder.Property(s => s.PaymentCharged).HasColumnName("payment_charged");
        builder.Property(s => s.StockReleased).HasColumnName("stock_released");
        builder.Property(s => s.PaymentRefunded).HasColumnName("payment_refunded");
        builder.Property(s => s.AwaitingStockReply).HasColumnName("awaiting_stock_reply");
        builder.Property(s => s.AwaitingPaymentReply).HasColumnName("awaiting_payment_reply");
        builder.Property(s => s.Deadline).HasColumnName("deadline");
        builder.Property(s => s.CreatedAt).HasColumnName("created_at");
        builder.Property(s => s.UpdatedAt).HasColumnName("updated_at");
        // Npgsql maps a uint row version to the system column xmin: optimistic concurrency with no column of our own.
        builder.Property(s => s.Version).IsRowVersion();
        builder.Ignore(s => s.IsCompensated);
        // The deadline sweeper's query: non-terminal sagas whose deadline has passed.
        builder.HasIndex(s => new { s.CurrentState, s.Deadline });
        // The pruner's query: finished sagas that have not changed for the retention period.
        builder.HasIndex(s => new { s.CurrentState, s.UpdatedAt });
    }
}
