namespace Shop.Contracts.Inventory;

/// <summary>The <c>Reason</c> of <see cref="StockReservationFailed"/> and <see cref="StockCommitFailed"/>.</summary>
public static class StockFailureReasons
{
    /// <summary>A line asks for more than is available; <c>Skus</c> lists the short ones.</summary>
    public const string OutOfStock = "OutOfStock";

    /// <summary>A line names a product the inventory does not know; <c>Skus</c> lists them.</summary>
    public const string UnknownSku = "UnknownSku";

    /// <summary>The order's reservation was already released (or failed) earlier: a repeated or late
    /// <c>ReserveStock</c> holds nothing, and the saga, which has moved on, ignores this answer.</summary>
    public const string Released = "Released";

    /// <summary>There is no hold to commit: it was released, expired, or never made.</summary>
    public const string NotHeld = "NotHeld";
}
