using MassTransit;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;

namespace Shop.Orchestrator.Data.Saga;

/// <summary>
/// MassTransit's saga repository extension point, over the <typeparamref name="TContext"/> of the current scope.
/// Unlike MassTransit's Entity Framework repository it neither begins a transaction nor saves: the scope's owner
/// (the inbox consumer, the deadline sweeper) does both, once, so the saga row, the inbox row and the outbox rows
/// commit together. Registered scoped (see <see cref="ScopedSagaRepositoryRegistrationExtensions"/>); MassTransit
/// resolves it from the scope the mediator was called in.
/// </summary>
public sealed class ScopedSagaRepositoryContextFactory<TContext, TSaga>(
    TContext db, ISagaConsumeContextFactory<TContext, TSaga> factory)
    : ISagaRepositoryContextFactory<TSaga>, ILoadSagaRepositoryContextFactory<TSaga>, IQuerySagaRepositoryContextFactory<TSaga>
    where TContext : DbContext
    where TSaga : class, ISaga
{
    public Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TSaga, T>> next)
        where T : class =>
        next.Send(new ScopedSagaRepositoryContext<TContext, TSaga, T>(db, context, factory));

    public async Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<TSaga> query, IPipe<SagaRepositoryQueryContext<TSaga, T>> next)
        where T : class
    {
        var instances = await db.Set<TSaga>().Where(query.FilterExpression).ToListAsync(context.CancellationToken);
        var repositoryContext = new ScopedSagaRepositoryContext<TContext, TSaga, T>(db, context, factory);
        await next.Send(new LoadedSagaRepositoryQueryContext<TSaga, T>(repositoryContext, instances));
    }

    public Task<T> Execute<T>(Func<LoadSagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class =>
        asyncMethod(new ScopedSagaQueryContext<TContext, TSaga>(db, cancellationToken));

    public Task<T> Execute<T>(Func<QuerySagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class =>
        asyncMethod(new ScopedSagaQueryContext<TContext, TSaga>(db, cancellationToken));

    public void Probe(ProbeContext context)
    {
        context.Add("persistence", "entity-framework (scoped DbContext, saved by the caller)");
    }
}
