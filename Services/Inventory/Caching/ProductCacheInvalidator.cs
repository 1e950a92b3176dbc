using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Shop.Inventory.Data;
using Shop.Inventory.Domain;

namespace Shop.Inventory.Caching;

/// <summary>
/// Invalidates the cached copy of every product whose row a <see cref="InventoryDbContext"/> changed, once the change
/// is committed: after the explicit transaction commits (message handlers, the hold-expiry sweeper, PUT), or after a
/// SaveChanges that ran in its own transaction. Hooked into the DbContext rather than into each handler, so a new
/// code path that changes stock cannot forget it. Invalidating before the commit would let a reader re-cache the
/// old row in between; see <see cref="ProductCache"/> for why after-commit is enough.
/// </summary>
public sealed class ProductCacheInvalidator(ProductCache cache) : DbTransactionInterceptor, ISaveChangesInterceptor
{
    // SKUs saved in the context's current transaction and not yet invalidated.
    private readonly ConditionalWeakTable<DbContext, HashSet<string>> _changed = new();

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context?.Database.CurrentTransaction is null)
        {
            Flush(eventData.Context).GetAwaiter().GetResult();
        }

        return result;
    }

    public async ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        // Inside an explicit transaction nothing is visible yet; TransactionCommitted will flush.
        if (eventData.Context?.Database.CurrentTransaction is null)
        {
            await Flush(eventData.Context);
        }

        return result;
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } context && context.Database.CurrentTransaction is null)
        {
            _changed.Remove(context);
        }
    }

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        Flush(eventData.Context).GetAwaiter().GetResult();

    public override Task TransactionCommittedAsync(
        DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        Flush(eventData.Context);

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        Forget(eventData.Context);

    public override Task TransactionRolledBackAsync(
        DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is not InventoryDbContext)
        {
            return;
        }

        // SavingChanges runs before SaveChanges detects changes itself: without this, a modified product looks unchanged.
        context.ChangeTracker.DetectChanges();
        var skus = context.ChangeTracker.Entries<Product>()
            .Where(entry => entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(entry => entry.Entity.Sku);
        var changed = _changed.GetOrCreateValue(context);
        lock (changed)
        {
            changed.UnionWith(skus);
        }
    }

    private Task Flush(DbContext? context)
    {
        if (context is null || !_changed.TryGetValue(context, out var changed))
        {
            return Task.CompletedTask;
        }

        _changed.Remove(context);
        string[] skus;
        lock (changed)
        {
            skus = [.. changed];
        }

        // Not the request's token: a client that hangs up after the commit must not leave a stale cache entry.
        return cache.InvalidateAsync(skus, CancellationToken.None);
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _changed.Remove(context);
        }
    }
}
