namespace Shop.Inventory.Domain;

/// <summary>How much of one SKU a reservation holds (one line per SKU: an order's repeated SKUs are summed).</summary>
public sealed class ReservationLine
{
    private ReservationLine()
    {
        Sku = null!;
    }

    internal ReservationLine(Guid orderId, string sku, int quantity)
    {
        OrderId = orderId;
        Sku = sku;
        Quantity = quantity;
    }

    public Guid OrderId { get; private set; }

    public string Sku { get; private set; }

    public int Quantity { get; private set; }
}
