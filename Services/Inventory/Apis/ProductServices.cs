using Shop.Inventory.Caching;
using Shop.Inventory.Data;

namespace Shop.Inventory.Apis;

/// <summary>What the product endpoints need, bound with <c>[AsParameters]</c>.</summary>
public sealed class ProductServices(InventoryDbContext db, TimeProvider time, ProductCache cache)
{
    public InventoryDbContext Db { get; } = db;

    public TimeProvider Time { get; } = time;

    public ProductCache Cache { get; } = cache;
}
