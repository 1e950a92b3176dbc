using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shop.Payments.Domain;

namespace Shop.Payments.Data;

public sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> account)
    {
        // The domain already refuses a negative balance; the constraint keeps a stray UPDATE from breaking it too.
        account.ToTable("accounts", table => table.HasCheckConstraint("CK_accounts_balance_not_negative", "balance >= 0"));
        account.HasKey(a => a.CustomerId);
        account.Property(a => a.CustomerId).HasColumnName("customer_id").HasMaxLength(Account.MaxCustomerIdLength);
        account.Property(a => a.Balance).HasColumnName("balance").HasPrecision(Money.Precision, Money.Scale);
        account.Property(a => a.UpdatedAt).HasColumnName("updated_at");
    }
}
