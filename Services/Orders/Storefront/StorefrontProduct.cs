namespace Shop.Orders.Storefront;

/// <summary>A product with its stock, as the inventory service reports it (<c>GET /api/products</c>).</summary>
public sealed record StorefrontProduct(string Sku, string Name, decimal UnitPrice, int OnHand, int Reserved, int Available);
