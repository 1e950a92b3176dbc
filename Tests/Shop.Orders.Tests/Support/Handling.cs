using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Messaging.Handling;
using Shop.Orders.Data;
using Shop.Orders.Domain;

namespace Shop.Orders.Tests.Support;

/// <summary>Runs a handler the way the inbox consumer does: its own scope and transaction, one SaveChanges, commit.</summary>
public static class Handling
{
    public static async Task HandleAsync<TMessage>(this IServiceProvider services, TMessage message)
        where TMessage : class
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await scope.ServiceProvider.GetRequiredService<IMessageHandler<TMessage>>().HandleAsync(message, CancellationToken.None);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    public static async Task<Order> OrderAsync(this IServiceProvider services, Guid id)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OrdersDbContext>().Orders
            .AsNoTracking().Include(o => o.Timeline).Include(o => o.Lines).SingleAsync(o => o.Id == id);
    }
}
