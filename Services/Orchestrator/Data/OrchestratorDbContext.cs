using Microsoft.EntityFrameworkCore;

namespace Shop.Orchestrator.Data;

/// <summary>The orchestrator service's database. Everything it owns lives in the <c>orchestrator</c> schema.</summary>
public sealed class OrchestratorDbContext(DbContextOptions<OrchestratorDbContext> options) : DbContext(options)
{
    public const string Schema = "orchestrator";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
    }
}
