namespace Shop.Inventory.Apis;

public sealed record PricedItem(string Sku, int Quantity, decimal UnitPrice, string Name);
