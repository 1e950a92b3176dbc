namespace Shop.Inventory.Domain;

/// <summary>Where an order's reservation stands; stored as its name.</summary>
public enum ReservationStatus
{
    Held,
    Released,
    Committed,
}
