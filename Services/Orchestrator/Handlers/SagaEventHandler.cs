using MassTransit.Mediator;
using Shop.Messaging.Handling;

namespace Shop.Orchestrator.Handlers;

/// <summary>
/// Hands a saga event from Kafka to the state machine, inside the inbox consumer's scope and transaction: the
/// scoped mediator runs the machine against this scope's DbContext and outbox, and the consumer saves them.
/// </summary>
public sealed class SagaEventHandler<TMessage>(IScopedMediator mediator) : IMessageHandler<TMessage>
    where TMessage : class
{
    public Task HandleAsync(TMessage message, CancellationToken cancellationToken) =>
        mediator.Send(message, cancellationToken);
}
