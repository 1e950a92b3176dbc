namespace Shop.Orders.Pricing;

/// <summary>One line of <see cref="PriceResponse"/>.</summary>
public sealed record PricedItem(string Sku, int Quantity, decimal UnitPrice, string? Name);
