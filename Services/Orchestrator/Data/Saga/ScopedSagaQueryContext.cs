using MassTransit;
using MassTransit.Middleware;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;

namespace Shop.Orchestrator.Data.Saga;

/// <summary>Read-only access to saga instances outside a message (diagnostics, tests): nothing tracked, nothing saved.</summary>
public sealed class ScopedSagaQueryContext<TContext, TSaga>(TContext db, CancellationToken cancellationToken)
    : BasePipeContext(cancellationToken), LoadSagaRepositoryContext<TSaga>, QuerySagaRepositoryContext<TSaga>
    where TContext : DbContext
    where TSaga : class, ISaga
{
    public Task<TSaga> Load(Guid correlationId) =>
        db.Set<TSaga>().AsNoTracking().SingleOrDefaultAsync(s => s.CorrelationId == correlationId, CancellationToken)!;

    public async Task<SagaRepositoryQueryContext<TSaga>> Query(ISagaQuery<TSaga> query, CancellationToken cancellationToken = default)
    {
        var ids = await db.Set<TSaga>().AsNoTracking()
            .Where(query.FilterExpression)
            .Select(s => s.CorrelationId)
            .ToListAsync(cancellationToken);
        return new DefaultSagaRepositoryQueryContext<TSaga>(this, ids);
    }
}
