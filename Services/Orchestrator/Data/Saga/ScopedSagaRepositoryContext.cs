using MassTransit;
using MassTransit.Context;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;

namespace Shop.Orchestrator.Data.Saga;

/// <summary>
/// One message's view of the saga table through the scope's <typeparamref name="TContext"/>. It only tracks
/// changes: the inbox consumer (or the deadline sweeper) saves them, together with the inbox and outbox rows, in
/// one SaveChanges and one transaction. Concurrent updates of one saga meet at that SaveChanges (row version) and
/// the loser is retried as a whole.
/// </summary>
public sealed class ScopedSagaRepositoryContext<TContext, TSaga, TMessage>
    : ConsumeContextScope<TMessage>, SagaRepositoryContext<TSaga, TMessage>
    where TContext : DbContext
    where TSaga : class, ISaga
    where TMessage : class
{
    private readonly TContext _db;
    private readonly ConsumeContext<TMessage> _consumeContext;
    private readonly ISagaConsumeContextFactory<TContext, TSaga> _factory;

    public ScopedSagaRepositoryContext(
        TContext db, ConsumeContext<TMessage> consumeContext, ISagaConsumeContextFactory<TContext, TSaga> factory)
        : base(consumeContext, db)
    {
        _db = db;
        _consumeContext = consumeContext;
        _factory = factory;
    }

    public Task<SagaConsumeContext<TSaga, TMessage>> Add(TSaga instance) =>
        _factory.CreateSagaConsumeContext(_db, _consumeContext, instance, SagaConsumeContextMode.Add);

    public async Task<SagaConsumeContext<TSaga, TMessage>> Insert(TSaga instance)
    {
        // A pre-insert cannot claim the id here (nothing is written before the consumer's SaveChanges), so it
        // reports "already there" the way MassTransit expects: no context, and the caller loads the instance.
        if (await _db.Set<TSaga>().AnyAsync(s => s.CorrelationId == instance.CorrelationId, CancellationToken))
        {
            return null!;
        }

        _db.Set<TSaga>().Add(instance);
        return await _factory.CreateSagaConsumeContext(_db, _consumeContext, instance, SagaConsumeContextMode.Insert);
    }

    public async Task<SagaConsumeContext<TSaga, TMessage>> Load(Guid correlationId)
    {
        // Tracked, so the consumer's SaveChanges writes whatever the state machine changes. Find also returns
        // an instance the same scope has loaded already (the sweeper locks its batch first).
        var instance = await _db.Set<TSaga>().FindAsync([correlationId], CancellationToken);
        return instance is null
            ? null!
            : await _factory.CreateSagaConsumeContext(_db, _consumeContext, instance, SagaConsumeContextMode.Load);
    }

    public Task Save(SagaConsumeContext<TSaga> context)
    {
        _db.Set<TSaga>().Add(context.Saga);
        return Task.CompletedTask;
    }

    // The instance is tracked since Load: its changes are saved by the consumer.
    public Task Update(SagaConsumeContext<TSaga> context) => Task.CompletedTask;

    public Task Delete(SagaConsumeContext<TSaga> context)
    {
        _db.Set<TSaga>().Remove(context.Saga);
        return Task.CompletedTask;
    }

    public Task Discard(SagaConsumeContext<TSaga> context) => Task.CompletedTask;

    public Task Undo(SagaConsumeContext<TSaga> context)
    {
        var entry = _db.ChangeTracker.Entries<TSaga>().FirstOrDefault(e => e.Entity.CorrelationId == context.Saga.CorrelationId);
        if (entry is not null)
        {
            entry.State = entry.State == EntityState.Added ? EntityState.Detached : EntityState.Unchanged;
        }

        return Task.CompletedTask;
    }

    public Task<SagaConsumeContext<TSaga, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> consumeContext, TSaga instance, SagaConsumeContextMode mode)
        where T : class =>
        _factory.CreateSagaConsumeContext(_db, consumeContext, instance, mode);
}
