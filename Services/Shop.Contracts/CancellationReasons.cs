namespace Shop.Contracts;

/// <summary>Why an order ended <c>Cancelled</c>.</summary>
public static class CancellationReasons
{
    public const string OutOfStock = "OutOfStock";
    public const string PaymentDeclined = "PaymentDeclined";
    public const string PaymentTimeout = "PaymentTimeout";
    // Not in DESIGN §2's list: the inventory service did not answer the reservation within its deadline.
    public const string ReservationTimeout = "ReservationTimeout";
    public const string CustomerCancelled = "CustomerCancelled";
    public const string Invalid = "Invalid";
}
