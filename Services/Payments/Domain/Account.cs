namespace Shop.Payments.Domain;

/// <summary>A customer's prepaid balance. The balance never goes below zero: a charge it cannot cover is declined.</summary>
public sealed class Account
{
    public const int MaxCustomerIdLength = 100;

    // The parameter names match the properties so EF Core materializes through this constructor too.
    public Account(string customerId, decimal balance, DateTimeOffset updatedAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(customerId.Length, MaxCustomerIdLength, nameof(customerId));
        Money.EnsureValid(balance, nameof(balance));
        CustomerId = customerId;
        Balance = balance;
        UpdatedAt = updatedAt;
    }

    public string CustomerId { get; private set; }

    public decimal Balance { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public bool CanCover(decimal amount) => Balance >= amount;

    /// <exception cref="InsufficientFundsException">The balance is lower than <paramref name="amount"/>.</exception>
    public void Debit(decimal amount, DateTimeOffset now)
    {
        Money.EnsureValid(amount, nameof(amount));
        if (!CanCover(amount))
        {
            throw new InsufficientFundsException(CustomerId, Balance, amount);
        }

        Balance -= amount;
        UpdatedAt = now;
    }

    public void Credit(decimal amount, DateTimeOffset now)
    {
        Money.EnsureValid(amount, nameof(amount));
        Balance += amount;
        UpdatedAt = now;
    }

    /// <summary>An administrator's (or seed's) correction: the balance becomes exactly <paramref name="balance"/>.</summary>
    public void SetBalance(decimal balance, DateTimeOffset now)
    {
        Money.EnsureValid(balance, nameof(balance));
        Balance = balance;
        UpdatedAt = now;
    }
}
