namespace Shop.Orders.Domain;

/// <summary>The order's state does not allow what was asked.</summary>
public sealed class OrderStateException(string message) : InvalidOperationException(message);
