using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Shop.Messaging.Persistence;

/// <summary>Healthy when the migrations are applied and the database answers now.</summary>
public sealed class DatabaseHealthCheck<TContext>(TContext db, DatabaseReadiness<TContext> readiness) : IHealthCheck
    where TContext : DbContext
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!readiness.IsReady)
        {
            return HealthCheckResult.Unhealthy($"Database is not migrated yet: {readiness.LastError ?? "starting"}");
        }

        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("Database is unreachable");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"Database is unreachable: {ex.GetBaseException().Message}", ex);
        }
    }
}
