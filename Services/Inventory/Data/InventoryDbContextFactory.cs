using Microsoft.EntityFrameworkCore.Design;
using Shop.Messaging.Persistence;

namespace Shop.Inventory.Data;

/// <summary>How <c>dotnet ef</c> builds the context without starting the service (README → Database migrations).</summary>
public sealed class InventoryDbContextFactory : IDesignTimeDbContextFactory<InventoryDbContext>
{
    public InventoryDbContext CreateDbContext(string[] args) =>
        new(DesignTimeDbContextOptions.For<InventoryDbContext>("inventorydb", InventoryDbContext.Schema));
}
