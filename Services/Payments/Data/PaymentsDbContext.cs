using Microsoft.EntityFrameworkCore;
using Shop.Messaging.Persistence;
using Shop.Payments.Domain;

namespace Shop.Payments.Data;

/// <summary>The payments service's database. Everything it owns lives in the <c>payments</c> schema.</summary>
public sealed class PaymentsDbContext(DbContextOptions<PaymentsDbContext> options) : DbContext(options)
{
    public const string Schema = "payments";

    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<Payment> Payments => Set<Payment>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PaymentsDbContext).Assembly);
    }

    /// <summary>
    /// Reads the account and holds its row lock until the current transaction ends, so that two charges or refunds
    /// on one account run one after the other, each on the balance the other left. Needs an open transaction.
    /// </summary>
    public async Task<Account?> LockAccountAsync(string customerId, CancellationToken cancellationToken)
    {
        // ToList, not SingleOrDefault: composing over the SQL would wrap it in a sub-select with LIMIT.
        var accounts = await Accounts
            .FromSql($"SELECT * FROM payments.accounts WHERE customer_id = {customerId} FOR UPDATE")
            .ToListAsync(cancellationToken);
        return accounts.SingleOrDefault();
    }

    /// <summary>Reads the order's payment and holds its row lock until the current transaction ends.</summary>
    public async Task<Payment?> LockPaymentAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var payments = await Payments
            .FromSql($"SELECT * FROM payments.payments WHERE order_id = {orderId} FOR UPDATE")
            .ToListAsync(cancellationToken);
        return payments.SingleOrDefault();
    }
}
