namespace Shop.Orders.Domain;

/// <summary>One priced line of an order, numbered from 1 in the order the customer gave them.</summary>
public sealed class OrderItem
{
    internal OrderItem(Guid orderId, int lineNo, string sku, int quantity, decimal unitPrice)
    {
        OrderId = orderId;
        LineNo = lineNo;
        Sku = sku;
        Quantity = quantity;
        UnitPrice = unitPrice;
    }

    public Guid OrderId { get; private set; }

    public int LineNo { get; private set; }

    public string Sku { get; private set; }

    public int Quantity { get; private set; }

    public decimal UnitPrice { get; private set; }
}
