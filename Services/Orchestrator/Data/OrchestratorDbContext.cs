using Microsoft.EntityFrameworkCore;
using Shop.Messaging.Persistence;
using Shop.Orchestrator.Saga;

namespace Shop.Orchestrator.Data;

/// <summary>The orchestrator service's database. Everything it owns lives in the <c>orchestrator</c> schema.</summary>
public sealed class OrchestratorDbContext(DbContextOptions<OrchestratorDbContext> options) : DbContext(options)
{
    public const string Schema = "orchestrator";

    public DbSet<OrderSagaState> OrderSagas => Set<OrderSagaState>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.ApplyConfiguration(new OrderSagaStateConfiguration());
    }
}
