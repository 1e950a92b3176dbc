using Shop.Inventory.Domain;

namespace Shop.Inventory.Apis;

public sealed record ProductResponse(string Sku, string Name, decimal UnitPrice, int OnHand, int Reserved, int Available)
{
    public static ProductResponse From(Product product) =>
        new(product.Sku, product.Name, product.UnitPrice, product.OnHand, product.Reserved, product.Available);
}
