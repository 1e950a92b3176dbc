using Microsoft.EntityFrameworkCore;
using Shop.Contracts.Payments;
using Shop.Messaging.Handling;
using Shop.Messaging.Kafka;
using Shop.Messaging.Outbox;
using Shop.Payments.Data;
using Shop.Payments.Domain;

namespace Shop.Payments.Handlers;

/// <summary>Charges an order once: a repeated or late ChargePayment repeats the first outcome and takes nothing more.</summary>
public sealed class ChargePaymentHandler(PaymentsDbContext db, IOutbox outbox, TimeProvider time) : IMessageHandler<ChargePayment>
{
    public async Task HandleAsync(ChargePayment message, CancellationToken cancellationToken)
    {
        if (!Money.IsValid(message.Amount) || message.CustomerId.Length > Account.MaxCustomerIdLength)
        {
            throw new PermanentMessageException("invalid-charge", $"Cannot charge {message.Amount} to '{message.CustomerId}' for order {message.OrderId}.");
        }

        // The account is locked before the order's payment is looked up, so a concurrent duplicate waits here
        // and then finds the payment the first one stored (or fails on the unique order id and is retried).
        var account = await db.LockAccountAsync(message.CustomerId, cancellationToken);
        var payment = await db.Payments.SingleOrDefaultAsync(p => p.OrderId == message.OrderId, cancellationToken);
        if (payment is null)
        {
            var now = time.GetUtcNow();
            payment = account is null ? Payment.Decline(message.OrderId, message.CustomerId, message.Amount, DeclineReasons.UnknownAccount, now)
                : !account.CanCover(message.Amount) ? Payment.Decline(message.OrderId, message.CustomerId, message.Amount, DeclineReasons.InsufficientFunds, now)
                : Payment.Charge(message.OrderId, account, message.Amount, now);
            db.Payments.Add(payment);
        }

        // A refunded payment was charged once: the saga is told so again and decides (it ignores or refunds a late one).
        var key = message.OrderId.ToString();
        if (payment.Status == PaymentStatus.Declined)
        {
            outbox.Add(new PaymentDeclined(payment.OrderId, payment.DeclineReason!), key);
        }
        else
        {
            outbox.Add(new PaymentCharged(payment.OrderId, payment.PaymentId, payment.Amount), key);
        }
    }
}
