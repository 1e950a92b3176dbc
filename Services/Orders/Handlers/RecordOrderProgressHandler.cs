using Shop.Contracts.Orders;
using Shop.Messaging.Handling;
using Shop.Orders.Data;

namespace Shop.Orders.Handlers;

/// <summary>Keeps the order's status and timeline in step with the saga, from the one-step-per-message contract an
/// orchestrator before <see cref="RecordOrderProgressV2"/> sent (records of it may still be in the topic after an
/// upgrade). Recording the same step twice leaves the same entry, so a redelivery changes nothing.</summary>
public sealed class RecordOrderProgressHandler(OrdersDbContext db) : IMessageHandler<RecordOrderProgress>
{
    public async Task HandleAsync(RecordOrderProgress message, CancellationToken cancellationToken)
    {
        var order = await db.GetForCommandAsync(message, cancellationToken);
        order.RecordProgress(message.State, message.Step, message.StepStatus, message.At);
    }
}
