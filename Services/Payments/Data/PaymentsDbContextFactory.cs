using Microsoft.EntityFrameworkCore.Design;
using Shop.Messaging.Persistence;

namespace Shop.Payments.Data;

/// <summary>How <c>dotnet ef</c> builds the context without starting the service (README → Database migrations).</summary>
public sealed class PaymentsDbContextFactory : IDesignTimeDbContextFactory<PaymentsDbContext>
{
    public PaymentsDbContext CreateDbContext(string[] args) =>
        new(DesignTimeDbContextOptions.For<PaymentsDbContext>("paymentsdb", PaymentsDbContext.Schema));
}
