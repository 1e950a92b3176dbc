namespace Shop.Orders.Apis;

/// <summary>The body of <c>POST /api/orders</c>. Everything is nullable so that a missing field is a
/// validation error with its name, not a serializer failure.</summary>
public sealed record SubmitOrderRequest(string? CustomerId, IReadOnlyList<SubmitOrderItem?>? Items);
