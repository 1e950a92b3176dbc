namespace Shop.Orders.Storefront;

/// <summary>What <c>POST /api/storefront/seed</c> set up: the demo products and the customer's account.</summary>
public sealed record SeedResponse(IReadOnlyList<StorefrontProduct> Products, StorefrontAccount Account);
