namespace Shop.LoadTests;

/// <summary>An order seen in a terminal state, when it was seen, and the status requests it took to see it.</summary>
public sealed record ObservedOrder(OrderStatusView Order, long SeenAt, int Requests);
