using System.Reflection;
using MassTransit;
using Shop.Contracts;
using Shop.Messaging.Outbox;

namespace Shop.Orchestrator.Messaging;

/// <summary>
/// Turns what the state machine publishes into outbox rows of the current scope, so its commands leave only if
/// the saga's new state commits with them (DESIGN §3). A contract message stops here: the mediator has no consumer
/// for it, and Kafka delivery is the relay's job. Anything else (not a contract) continues down the pipe.
/// </summary>
public sealed class OutboxPublishFilter<T>(IOutbox outbox) : IFilter<PublishContext<T>>
    where T : class
{
    private static readonly bool IsContract = typeof(T).GetCustomAttribute<MessageContractAttribute>() is not null;

    public Task Send(PublishContext<T> context, IPipe<PublishContext<T>> next)
    {
        if (IsContract && context.Message is IOrderMessage message)
        {
            outbox.Add(context.Message, message.OrderId.ToString());
            return Task.CompletedTask;
        }

        return next.Send(context);
    }

    public void Probe(ProbeContext context)
    {
        context.CreateFilterScope("outbox");
    }
}
