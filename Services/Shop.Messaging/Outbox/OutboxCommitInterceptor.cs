using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Shop.Messaging.Outbox;

/// <summary>
/// Wakes the local relay once outbox rows are committed: after the explicit transaction commits (handlers,
/// the saga), or after a SaveChanges that ran in its own transaction (HTTP endpoints).
/// </summary>
public sealed class OutboxCommitInterceptor<TContext>(OutboxSignal<TContext> signal)
    : DbTransactionInterceptor, ISaveChangesInterceptor
    where TContext : DbContext
{
    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        NotifyIfOutboxWritten(eventData.Context);

    public override Task TransactionCommittedAsync(
        DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        NotifyIfOutboxWritten(eventData.Context);
        return Task.CompletedTask;
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        NotifyIfCommitted(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        NotifyIfCommitted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void NotifyIfCommitted(DbContext? context)
    {
        // Inside an explicit transaction nothing is visible yet; TransactionCommitted will fire.
        if (context?.Database.CurrentTransaction is null)
        {
            NotifyIfOutboxWritten(context);
        }
    }

    private void NotifyIfOutboxWritten(DbContext? context)
    {
        if (context is TContext && context.ChangeTracker.Entries<OutboxMessage>().Any())
        {
            signal.Notify();
        }
    }
}
