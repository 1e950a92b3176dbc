namespace Shop.Orders.Apis;

/// <summary>The body of <c>GET /api/orders</c>; <see cref="NextPageToken"/> is null on the last page.</summary>
public sealed record OrderPageResponse(IReadOnlyList<OrderSummaryResponse> Items, string? NextPageToken);
