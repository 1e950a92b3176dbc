namespace Shop.Inventory.Apis;

public sealed record PriceResponse(IReadOnlyList<PricedItem> Items, decimal Total);
