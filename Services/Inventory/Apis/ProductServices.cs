using Shop.Inventory.Data;

namespace Shop.Inventory.Apis;

/// <summary>What the product endpoints need, bound with <c>[AsParameters]</c>.</summary>
public sealed class ProductServices(InventoryDbContext db, TimeProvider time)
{
    public InventoryDbContext Db { get; } = db;

    public TimeProvider Time { get; } = time;
}
