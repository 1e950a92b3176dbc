namespace Shop.Orders.Apis;

/// <summary>One line of <see cref="SubmitOrderRequest"/>.</summary>
public sealed record SubmitOrderItem(string? Sku, int? Quantity);
