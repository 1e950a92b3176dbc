using Shop.Payments.Domain;

namespace Shop.Payments.Apis;

public sealed record PaymentResponse(Guid PaymentId, Guid OrderId, decimal Amount, string Status, DateTimeOffset At)
{
    public static PaymentResponse From(Payment payment) =>
        new(payment.PaymentId, payment.OrderId, Money.ToCents(payment.Amount), payment.Status.ToString(), payment.At);
}
