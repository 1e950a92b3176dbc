using Microsoft.EntityFrameworkCore.Design;
using Shop.Messaging.Persistence;

namespace Shop.Orders.Data;

/// <summary>How <c>dotnet ef</c> builds the context without starting the service (README → Database migrations).</summary>
public sealed class OrdersDbContextFactory : IDesignTimeDbContextFactory<OrdersDbContext>
{
    public OrdersDbContext CreateDbContext(string[] args) =>
        new(DesignTimeDbContextOptions.For<OrdersDbContext>("ordersdb", OrdersDbContext.Schema));
}
