using Microsoft.EntityFrameworkCore;
using Shop.Messaging.Persistence;
using Shop.Orders.Domain;

namespace Shop.Orders.Data;

/// <summary>The orders service's database. Everything it owns lives in the <c>orders</c> schema.</summary>
public sealed class OrdersDbContext(DbContextOptions<OrdersDbContext> options) : DbContext(options)
{
    public const string Schema = "orders";

    public DbSet<Order> Orders => Set<Order>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.ApplyConfiguration(new OrderConfiguration());
        modelBuilder.ApplyConfiguration(new OrderItemConfiguration());
        modelBuilder.ApplyConfiguration(new OrderTimelineEntryConfiguration());
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var autoDetectChanges = WriteOrdersWhoseTimelineChanged();
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = autoDetectChanges;
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var autoDetectChanges = WriteOrdersWhoseTimelineChanged();
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = autoDetectChanges;
        }
    }

    /// <summary>
    /// Only the <c>orders</c> table's trigger NOTIFYs the live status streams (since migration
    /// <c>DropTimelineNotifications</c>), so a timeline change must also write its order's row. It nearly
    /// always does (the step's time moves <see cref="Order.UpdatedAt"/> on), but not when that time is no later than
    /// the order's (the orchestrator's clock behind this one's): then the row is written unchanged, which fires the
    /// trigger all the same.
    /// Finding the changed timeline entries needs the tracker's changes detected, which SaveChanges would then do
    /// all over again on every save (the outbox interceptor's repeat of it was 2% of this service's CPU): so they are
    /// detected once, here, and automatic detection is off for the save that follows. Returns the setting to restore.
    /// </summary>
    private bool WriteOrdersWhoseTimelineChanged()
    {
        var autoDetectChanges = ChangeTracker.AutoDetectChangesEnabled;
        if (autoDetectChanges)
        {
            ChangeTracker.DetectChanges();
            ChangeTracker.AutoDetectChangesEnabled = false;
        }

        var changed = ChangeTracker.Entries<OrderTimelineEntry>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified)
            .Select(e => e.Entity.OrderId)
            .ToHashSet();
        if (changed.Count == 0)
        {
            return autoDetectChanges;
        }

        foreach (var order in ChangeTracker.Entries<Order>())
        {
            if (order.State == EntityState.Unchanged && changed.Contains(order.Entity.Id))
            {
                order.Property(o => o.UpdatedAt).IsModified = true;
            }
        }

        return autoDetectChanges;
    }
}
