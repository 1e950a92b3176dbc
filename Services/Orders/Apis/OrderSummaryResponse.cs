namespace Shop.Orders.Apis;

/// <summary>One order in <c>GET /api/orders</c>.</summary>
public sealed record OrderSummaryResponse(
    Guid OrderId, string CustomerId, string Status, string? Reason, decimal Total, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
