namespace Shop.Contracts;

/// <summary>The saga's states (DESIGN §2), which are also the order's <c>status</c>.</summary>
public static class OrderStates
{
    public const string Submitted = "Submitted";
    public const string ReservingStock = "ReservingStock";
    public const string ChargingPayment = "ChargingPayment";
    public const string CommittingStock = "CommittingStock";
    public const string Completing = "Completing";
    public const string Compensating = "Compensating";
    public const string Completed = "Completed";
    public const string Cancelled = "Cancelled";

    public static bool IsTerminal(string state) => state is Completed or Cancelled;
}
