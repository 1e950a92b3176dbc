namespace Shop.Orders.Storefront;

/// <summary>
/// The demo data the page seeds. Chosen so every saga outcome is one click away: the vinyl has one in stock (order
/// two: OutOfStock), and the default balance pays for a few items but not for a dozen T-shirts (PaymentDeclined).
/// </summary>
public static class DemoCatalog
{
    public const string DefaultCustomerId = "demo-customer";
    public const decimal DefaultBalance = 150.00m;

    public static readonly IReadOnlyList<DemoProduct> Products =
    [
        new("mug", "Enamel mug", 8.50m, 25),
        new("tee", "Shop.Aspire T-shirt", 19.00m, 12),
        new("poster", "Saga poster", 12.00m, 6),
        new("vinyl", "Signed vinyl record", 120.00m, 1),
    ];
}

/// <summary>One product of <see cref="DemoCatalog"/>: what <c>PUT /api/products/{sku}</c> sets.</summary>
public sealed record DemoProduct(string Sku, string Name, decimal UnitPrice, int OnHand);
