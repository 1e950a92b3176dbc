namespace Shop.Scenarios.Client;

public sealed record OrderItemDto(string Sku, int Quantity, decimal UnitPrice);
