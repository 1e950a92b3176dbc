using Microsoft.Extensions.DependencyInjection;
using Shop.Messaging.Handling;
using Shop.Payments.Data;

namespace Shop.Payments.Tests.Support;

public static class Handling
{
    /// <summary>Handles <paramref name="message"/> the way the inbox consumer does: one scope, one transaction,
    /// the service's handler, one SaveChanges, commit.</summary>
    public static async Task HandleAsync<TMessage>(IServiceProvider services, TMessage message)
        where TMessage : class
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaymentsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await scope.ServiceProvider.GetRequiredService<IMessageHandler<TMessage>>().HandleAsync(message, CancellationToken.None);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }
}
