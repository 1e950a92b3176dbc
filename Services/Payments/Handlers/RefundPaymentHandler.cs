using Shop.Contracts.Payments;
using Shop.Messaging.Handling;
using Shop.Messaging.Outbox;
using Shop.Payments.Data;
using Shop.Payments.Domain;

namespace Shop.Payments.Handlers;

/// <summary>Gives back what an order was charged, once; an order refunded before it was charged is voided.</summary>
public sealed class RefundPaymentHandler(PaymentsDbContext db, IOutbox outbox, TimeProvider time) : IMessageHandler<RefundPayment>
{
    public async Task HandleAsync(RefundPayment message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var refunded = 0m;
        var payment = await db.LockPaymentAsync(message.OrderId, cancellationToken);
        if (payment is null)
        {
            // The refund overtook the charge (e.g. the saga timed out first): a void payment makes the late
            // charge find a declined one instead of taking money nobody will give back.
            db.Payments.Add(Payment.Void(message.OrderId, now));
        }
        else if (payment.Status == PaymentStatus.Charged)
        {
            var account = await db.LockAccountAsync(payment.CustomerId!, cancellationToken)
                ?? throw new InvalidOperationException($"Account '{payment.CustomerId}' of payment {payment.PaymentId} is gone.");
            payment.Refund(account, now);
            refunded = payment.Amount;
        }

        outbox.Add(new PaymentRefunded(message.OrderId, refunded), message.OrderId.ToString());
    }
}
