namespace Shop.Orders.Apis;

public sealed record OrderItemResponse(string Sku, int Quantity, decimal UnitPrice);
