namespace Shop.Inventory.Apis;

public sealed record PriceRequestItem(string? Sku, int Quantity);
