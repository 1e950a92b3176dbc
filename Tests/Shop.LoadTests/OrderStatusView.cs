namespace Shop.LoadTests;

/// <summary>The fields of <c>GET /api/orders/{id}</c> the generator reads (the rest is not deserialized).</summary>
public sealed record OrderStatusView(Guid OrderId, string Status, string? Reason, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public bool IsTerminal => Status is "Completed" or "Cancelled";
}
