namespace Shop.Scenarios.Client;

public sealed record OrderDto(
    Guid OrderId,
    string CustomerId,
    string Status,
    string? Reason,
    IReadOnlyList<OrderItemDto> Items,
    decimal Total,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<TimelineEntryDto> Timeline)
{
    public bool IsTerminal => Status is "Completed" or "Cancelled";
}
