using Shop.Orders.Domain;

namespace Shop.Orders.Apis;

/// <summary>The body of <c>GET /api/orders/{id}</c>.</summary>
public sealed record OrderResponse(
    Guid OrderId,
    string CustomerId,
    string Status,
    string? Reason,
    IReadOnlyList<OrderItemResponse> Items,
    decimal Total,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<TimelineEntryResponse> Timeline)
{
    public static OrderResponse From(Order order) => new(
        order.Id,
        order.CustomerId,
        order.Status,
        order.Reason,
        [.. order.Lines.OrderBy(l => l.LineNo).Select(l => new OrderItemResponse(l.Sku, l.Quantity, l.UnitPrice))],
        order.Total,
        order.CreatedAt,
        order.UpdatedAt,
        [.. order.Timeline.OrderBy(e => e.Sequence).Select(e => new TimelineEntryResponse(e.Step, e.Status, e.At))]);
}
