using Microsoft.EntityFrameworkCore.Design;
using Shop.Messaging.Persistence;

namespace Shop.Orchestrator.Data;

/// <summary>How <c>dotnet ef</c> builds the context without starting the service (README → Database migrations).</summary>
public sealed class OrchestratorDbContextFactory : IDesignTimeDbContextFactory<OrchestratorDbContext>
{
    public OrchestratorDbContext CreateDbContext(string[] args) =>
        new(DesignTimeDbContextOptions.For<OrchestratorDbContext>("orchestratordb", OrchestratorDbContext.Schema));
}
