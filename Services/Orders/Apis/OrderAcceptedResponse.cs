namespace Shop.Orders.Apis;

/// <summary>The answer to a submit or cancel request: the saga runs on from here.</summary>
public sealed record OrderAcceptedResponse(Guid OrderId, string Status);
