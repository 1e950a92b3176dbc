using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Payments.Domain;

namespace Shop.Payments.Data;

public sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> payment)
    {
        payment.ToTable("payments", table => table.HasCheckConstraint("CK_payments_amount_not_negative", "amount >= 0"));
        payment.HasKey(p => p.PaymentId);
        payment.Property(p => p.PaymentId).HasColumnName("payment_id").ValueGeneratedNever();
        payment.Property(p => p.OrderId).HasColumnName("order_id");
        payment.Property(p => p.CustomerId).HasColumnName("customer_id").HasMaxLength(Account.MaxCustomerIdLength);
        payment.Property(p => p.Amount).HasColumnName("amount").HasPrecision(Money.Precision, Money.Scale);
        payment.Property(p => p.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(20);
        payment.Property(p => p.DeclineReason).HasColumnName("decline_reason").HasMaxLength(Payment.MaxDeclineReasonLength);
        payment.Property(p => p.At).HasColumnName("at");
        payment.Property(p => p.RefundedAt).HasColumnName("refunded_at");

        // One payment per order, whatever arrives twice or at once: a second insert fails and is retried,
        // and the retry finds the first payment and repeats its outcome.
        payment.HasIndex(p => p.OrderId).IsUnique();
    }
}
