namespace Shop.Payments.Domain;

/// <summary>
/// The one payment of an order (the unique order id is what keeps a customer from being charged twice).
/// A refund that arrives before any charge leaves a <see cref="PaymentStatus.Declined"/> payment with reason
/// <see cref="DeclineReasons.Cancelled"/> and no customer: the same unique index then turns away a late charge.
/// </summary>
public sealed class Payment
{
    public const int MaxDeclineReasonLength = 100;

    // For EF Core, which sets every property from the row.
    private Payment()
    {
    }

    private Payment(Guid orderId, string? customerId, decimal amount, PaymentStatus status, string? declineReason, DateTimeOffset at)
    {
        if (orderId == Guid.Empty)
        {
            throw new ArgumentException("The order id must not be empty.", nameof(orderId));
        }

        Money.EnsureValid(amount, nameof(amount));
        PaymentId = Guid.CreateVersion7(at);
        OrderId = orderId;
        CustomerId = customerId;
        Amount = amount;
        Status = status;
        DeclineReason = declineReason;
        At = at;
    }

    public Guid PaymentId { get; private set; }

    public Guid OrderId { get; private set; }

    /// <summary>Null only for a payment voided before any charge named the customer.</summary>
    public string? CustomerId { get; private set; }

    /// <summary>What was charged (or, for a decline, what was asked).</summary>
    public decimal Amount { get; private set; }

    public PaymentStatus Status { get; private set; }

    public string? DeclineReason { get; private set; }

    /// <summary>When the charge was taken or declined.</summary>
    public DateTimeOffset At { get; private set; }

    public DateTimeOffset? RefundedAt { get; private set; }

    /// <summary>Takes <paramref name="amount"/> from <paramref name="account"/> (which must cover it) for the order.</summary>
    public static Payment Charge(Guid orderId, Account account, decimal amount, DateTimeOffset now)
    {
        var payment = new Payment(orderId, account.CustomerId, amount, PaymentStatus.Charged, null, now);
        account.Debit(amount, now);
        return payment;
    }

    public static Payment Decline(Guid orderId, string customerId, decimal amount, string reason, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new Payment(orderId, customerId, amount, PaymentStatus.Declined, reason, now);
    }

    /// <summary>Marks an order that was refunded before it was charged, so that no later charge succeeds.</summary>
    public static Payment Void(Guid orderId, DateTimeOffset now) =>
        new(orderId, null, 0m, PaymentStatus.Declined, DeclineReasons.Cancelled, now);

    /// <summary>Gives the charged amount back to <paramref name="account"/>, the account it was taken from.</summary>
    public void Refund(Account account, DateTimeOffset now)
    {
        if (Status != PaymentStatus.Charged)
        {
            throw new InvalidOperationException($"Payment {PaymentId} is {Status}; only a charged payment can be refunded.");
        }

        if (account.CustomerId != CustomerId)
        {
            throw new InvalidOperationException($"Payment {PaymentId} was taken from '{CustomerId}', not from '{account.CustomerId}'.");
        }

        account.Credit(Amount, now);
        Status = PaymentStatus.Refunded;
        RefundedAt = now;
    }
}
