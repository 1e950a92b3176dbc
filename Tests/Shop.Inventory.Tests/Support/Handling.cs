using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Inventory.Data;
using Shop.Inventory.Domain;
using Shop.Messaging.Handling;
using Shop.Messaging.Outbox;

namespace Shop.Inventory.Tests.Support;

/// <summary>Runs a handler the way the inbox consumer does: its own scope and transaction, one SaveChanges, commit.</summary>
public static class Handling
{
    public static async Task HandleAsync<TMessage>(this IServiceProvider services, TMessage message)
        where TMessage : class
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InventoryDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await scope.ServiceProvider.GetRequiredService<IMessageHandler<TMessage>>().HandleAsync(message, CancellationToken.None);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    public static async Task RestockAsync(this IServiceProvider services, string sku, int onHand)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InventoryDbContext>();
        var product = await db.Products.SingleAsync(p => p.Sku == sku);
        product.Replace(product.Name, product.UnitPrice, onHand, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
    }

    public static async Task<Product> ProductAsync(this IServiceProvider services, string sku)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InventoryDbContext>().Products.AsNoTracking().SingleAsync(p => p.Sku == sku);
    }

    public static async Task<Reservation?> ReservationAsync(this IServiceProvider services, Guid orderId)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InventoryDbContext>().Reservations
            .AsNoTracking().Include(r => r.Lines).SingleOrDefaultAsync(r => r.OrderId == orderId);
    }

    /// <summary>The (type, payload) of every outbox row for the order, in publishing order.</summary>
    public static async Task<List<(string Type, string Payload)>> OutboxAsync(this IServiceProvider services, Guid orderId)
    {
        await using var scope = services.CreateAsyncScope();
        var key = orderId.ToString();
        var rows = await scope.ServiceProvider.GetRequiredService<InventoryDbContext>().Set<OutboxMessage>()
            .AsNoTracking().Where(m => m.Key == key).OrderBy(m => m.Id).ToListAsync();
        return rows.Select(m => (m.MessageType, m.Payload)).ToList();
    }
}
