using Shop.Contracts;

namespace Shop.Orders.Pricing;

/// <summary>The body of the inventory's <c>POST /api/products/price</c>.</summary>
public sealed record PriceRequest(IReadOnlyList<OrderLine> Items);
