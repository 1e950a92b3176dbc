namespace Shop.Inventory.Domain;

/// <summary>
/// A stock-keeping unit: what is on hand and how much of it orders hold. <see cref="Available"/> is never
/// stored, so it cannot drift from the two counts it is made of; every change keeps
/// <c>0 ≤ Reserved ≤ OnHand</c>.
/// </summary>
public sealed class Product
{
    public const int MaxSkuLength = 64;
    public const int MaxNameLength = 200;

    private Product()
    {
        Sku = null!;
        Name = null!;
    }

    public Product(string sku, string name, decimal unitPrice, int onHand, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sku);
        if (sku.Length > MaxSkuLength)
        {
            throw new ArgumentException($"A SKU has at most {MaxSkuLength} characters.", nameof(sku));
        }

        Sku = sku;
        Name = null!;
        Set(name, unitPrice, onHand, now);
    }

    public string Sku { get; private set; }

    public string Name { get; private set; }

    public decimal UnitPrice { get; private set; }

    public int OnHand { get; private set; }

    public int Reserved { get; private set; }

    public int Available => OnHand - Reserved;

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Holds <paramref name="quantity"/> for an order.</summary>
    public void Reserve(int quantity, DateTimeOffset now)
    {
        ThrowIfNotPositive(quantity);
        if (quantity > Available)
        {
            throw new InventoryDomainException($"Cannot reserve {quantity} of '{Sku}': only {Available} available.");
        }

        Reserved += quantity;
        UpdatedAt = now;
    }

    /// <summary>Gives back <paramref name="quantity"/> an order held.</summary>
    public void Release(int quantity, DateTimeOffset now)
    {
        ThrowIfNotPositive(quantity);
        if (quantity > Reserved)
        {
            throw new InventoryDomainException($"Cannot release {quantity} of '{Sku}': only {Reserved} reserved.");
        }

        Reserved -= quantity;
        UpdatedAt = now;
    }

    /// <summary>Sells <paramref name="quantity"/> an order held: it leaves the shelf and the hold together.</summary>
    public void Commit(int quantity, DateTimeOffset now)
    {
        ThrowIfNotPositive(quantity);
        if (quantity > Reserved)
        {
            throw new InventoryDomainException($"Cannot commit {quantity} of '{Sku}': only {Reserved} reserved.");
        }

        OnHand -= quantity;
        Reserved -= quantity;
        UpdatedAt = now;
    }

    /// <summary>Sets name, price and stock count (an admin's stock-take). Holds stay as they are, so the new count
    /// may not be below what orders already hold.</summary>
    public void Replace(string name, decimal unitPrice, int onHand, DateTimeOffset now)
    {
        if (onHand < Reserved)
        {
            throw new InventoryDomainException(
                $"On hand of '{Sku}' cannot be set to {onHand}: {Reserved} are reserved by orders.");
        }

        Set(name, unitPrice, onHand, now);
    }

    private void Set(string name, decimal unitPrice, int onHand, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Length > MaxNameLength)
        {
            throw new ArgumentException($"A name has at most {MaxNameLength} characters.", nameof(name));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(unitPrice);
        ArgumentOutOfRangeException.ThrowIfNegative(onHand);
        Name = name;
        UnitPrice = unitPrice;
        OnHand = onHand;
        UpdatedAt = now;
    }

    private static void ThrowIfNotPositive(int quantity) =>
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
}
