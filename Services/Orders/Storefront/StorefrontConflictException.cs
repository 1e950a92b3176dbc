namespace Shop.Orders.Storefront;

/// <summary>The other service refused a change as a conflict (inventory: the new stock is below what orders hold).</summary>
public sealed class StorefrontConflictException(string detail) : Exception(detail);
