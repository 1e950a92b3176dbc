namespace Shop.Payments.Domain;

/// <summary>Why a charge was declined (<c>PaymentDeclined.Reason</c>).</summary>
public static class DeclineReasons
{
    public const string UnknownAccount = "UnknownAccount";
    public const string InsufficientFunds = "InsufficientFunds";

    /// <summary>A refund for the order arrived before any charge: the order is void and a late charge must not take money.</summary>
    public const string Cancelled = "Cancelled";
}
