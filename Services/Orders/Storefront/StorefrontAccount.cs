namespace Shop.Orders.Storefront;

/// <summary>A customer's account, as the payments service reports it (<c>GET /api/accounts/{customerId}</c>).</summary>
public sealed record StorefrontAccount(string CustomerId, decimal Balance);
