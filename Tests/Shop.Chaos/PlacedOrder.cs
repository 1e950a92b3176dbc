namespace Shop.Chaos;

/// <summary>An order the orders service accepted (202), with the plan it came from.</summary>
public sealed record PlacedOrder(Guid OrderId, OrderPlan Plan)
{
    /// <summary>True when the customer's cancel was accepted (202) rather than refused as too late (409).</summary>
    public bool CancelAccepted { get; set; }
}
