namespace Shop.Payments.Domain;

public enum PaymentStatus
{
    Charged,
    Refunded,
    Declined,
}
