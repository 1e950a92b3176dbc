namespace Shop.Inventory.Domain;

/// <summary>
/// What one order holds. At most one per order, whatever the outcome: a reservation that was released (or that
/// never held anything) stays as a <see cref="ReservationStatus.Released"/> row, so a late or repeated
/// <c>ReserveStock</c> for that order finds it and cannot hold stock the saga would never give back.
/// </summary>
public sealed class Reservation
{
    private readonly List<ReservationLine> _lines = [];

    private Reservation()
    {
    }

    private Reservation(Guid orderId, ReservationStatus status, DateTimeOffset now, DateTimeOffset expiresAt)
    {
        OrderId = orderId;
        Status = status;
        CreatedAt = now;
        UpdatedAt = now;
        ExpiresAt = expiresAt;
    }

    public Guid OrderId { get; private set; }

    public ReservationStatus Status { get; private set; }

    /// <summary>When a hold not committed by then is given back by the sweeper.</summary>
    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public IReadOnlyList<ReservationLine> Lines => _lines;

    /// <summary>Holds <paramref name="quantities"/> (per SKU) on <paramref name="products"/>, all or nothing:
    /// it throws before changing anything when a product is missing or short.</summary>
    public static Reservation Hold(
        Guid orderId,
        IReadOnlyDictionary<string, int> quantities,
        IReadOnlyDictionary<string, Product> products,
        DateTimeOffset now,
        TimeSpan holdDuration)
    {
        if (quantities.Count == 0)
        {
            throw new InventoryDomainException("A reservation needs at least one line.");
        }

        foreach (var (sku, quantity) in quantities)
        {
            if (!products.TryGetValue(sku, out var product))
            {
                throw new InventoryDomainException($"Unknown SKU '{sku}'.");
            }

            if (quantity <= 0 || quantity > product.Available)
            {
                throw new InventoryDomainException($"Cannot reserve {quantity} of '{sku}': only {product.Available} available.");
            }
        }

        var reservation = new Reservation(orderId, ReservationStatus.Held, now, now + holdDuration);
        foreach (var (sku, quantity) in quantities.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            products[sku].Reserve(quantity, now);
            reservation._lines.Add(new ReservationLine(orderId, sku, quantity));
        }

        return reservation;
    }

    /// <summary>A released reservation that never held anything: the order's stock is settled as "none held".</summary>
    public static Reservation Tombstone(Guid orderId, DateTimeOffset now) =>
        new(orderId, ReservationStatus.Released, now, now);

    public bool IsExpired(DateTimeOffset now) => Status == ReservationStatus.Held && ExpiresAt <= now;

    /// <summary>Gives every line back to its product.</summary>
    public void Release(IReadOnlyDictionary<string, Product> products, DateTimeOffset now)
    {
        ThrowUnlessHeld("release");
        foreach (var line in _lines)
        {
            ProductOf(line, products).Release(line.Quantity, now);
        }

        Status = ReservationStatus.Released;
        UpdatedAt = now;
    }

    /// <summary>Sells every line: the stock leaves the shelf.</summary>
    public void Commit(IReadOnlyDictionary<string, Product> products, DateTimeOffset now)
    {
        ThrowUnlessHeld("commit");
        foreach (var line in _lines)
        {
            ProductOf(line, products).Commit(line.Quantity, now);
        }

        Status = ReservationStatus.Committed;
        UpdatedAt = now;
    }

    private void ThrowUnlessHeld(string action)
    {
        if (Status != ReservationStatus.Held)
        {
            throw new InventoryDomainException($"Cannot {action} the reservation of order {OrderId}: it is {Status}.");
        }
    }

    private static Product ProductOf(ReservationLine line, IReadOnlyDictionary<string, Product> products) =>
        products.TryGetValue(line.Sku, out var product)
            ? product
            : throw new InventoryDomainException($"The product '{line.Sku}' of a reservation line was not loaded.");
}
