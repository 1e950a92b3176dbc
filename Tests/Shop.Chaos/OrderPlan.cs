namespace Shop.Chaos;

/// <summary>One order the traffic will place, drawn from the seed before it is sent.</summary>
public sealed record OrderPlan(OrderKind Kind, string CustomerId, IReadOnlyList<(string Sku, int Quantity)> Items, TimeSpan? CancelAfter);
