namespace Shop.Inventory.Domain;

/// <summary>A change the inventory's rules forbid (more than is available, an invalid transition, stock below what is held).</summary>
public sealed class InventoryDomainException(string message) : InvalidOperationException(message);
