namespace Shop.Contracts;

public record PricedOrderLine(string Sku, int Quantity, decimal UnitPrice);
