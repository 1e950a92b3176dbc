namespace Shop.Orders.Pricing;

/// <summary>The inventory's answer to <c>POST /api/products/price</c>.</summary>
public sealed record PriceResponse(IReadOnlyList<PricedItem>? Items, decimal Total);
