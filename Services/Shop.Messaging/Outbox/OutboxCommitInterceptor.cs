using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Shop.Messaging.Outbox;

/// <summary>
/// Wakes the local relay once outbox rows are committed: after the explicit transaction commits (handlers,
/// the saga), or after a SaveChanges that ran in its own transaction (HTTP endpoints).
/// </summary>
public sealed class OutboxCommitInterceptor<TContext>(OutboxSignal<TContext> signal)
    : DbTransactionInterceptor, ISaveChangesInterceptor
    where TContext : DbContext
{
    // Contexts that saved outbox rows in their current transaction. Remembered apart from the change tracker because
    // the inbox's batches clear the tracker between the messages of one transaction.
    private readonly ConditionalWeakTable<DbContext, object> _written = new();

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        NotifyIfWritten(eventData.Context);

    public override Task TransactionCommittedAsync(
        DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        NotifyIfWritten(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        Forget(eventData.Context);

    public override Task TransactionRolledBackAsync(
        DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Saved(DbContext? context)
    {
        if (context is not TContext || !HasOutboxRows(context.ChangeTracker))
        {
            return;
        }

        // Told before the commit, so that the NOTIFY the commit sends is known to come from this process.
        if (context.Database.GetDbConnection() is NpgsqlConnection { State: ConnectionState.Open } connection)
        {
            signal.WrittenThrough(connection.ProcessID);
        }

        // Inside an explicit transaction nothing is visible yet; TransactionCommitted will fire.
        if (context.Database.CurrentTransaction is null)
        {
            signal.Notify();
        }
        else
        {
            _written.AddOrUpdate(context, context);
        }
    }

    // Entries<T>() first runs DetectChanges over every tracked entity, which SaveChanges has just done: repeated after
    // every save it was 2% of the orders service's CPU under load. Without it the same rows are found, because an
    // outbox row is only ever added to the context, never reached through a navigation.
    private static bool HasOutboxRows(ChangeTracker tracker)
    {
        var detectChanges = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return tracker.Entries<OutboxMessage>().Any();
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detectChanges;
        }
    }

    private void NotifyIfWritten(DbContext? context)
    {
        if (context is not null && _written.Remove(context))
        {
            signal.Notify();
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _written.Remove(context);
        }
    }
}
