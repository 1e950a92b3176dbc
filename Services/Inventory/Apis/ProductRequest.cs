namespace Shop.Inventory.Apis;

/// <summary>The body of <c>PUT /api/products/{sku}</c>. Numbers are read as decimals so that a fractional or
/// out-of-range stock count is a field error, not an unreadable body.</summary>
public sealed record ProductRequest(string? Name, decimal? UnitPrice, decimal? OnHand);
