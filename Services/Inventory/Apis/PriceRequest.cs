namespace Shop.Inventory.Apis;

/// <summary>The body of <c>POST /api/products/price</c>: the lines of an order about to be submitted.</summary>
public sealed record PriceRequest(IReadOnlyList<PriceRequestItem>? Items);
