namespace Shop.Messaging.Handling;

/// <summary>
/// Handles one message type inside the inbox transaction: whatever the handler changes in the service's
/// DbContext, and whatever it adds to the <see cref="Outbox.IOutbox"/>, commits together with the inbox row
/// (DESIGN §3). Do not call SaveChanges: the consumer does, once, after the handler returns. Throw
/// <see cref="Kafka.PermanentMessageException"/> for a message that can never succeed; any other exception
/// is retried with backoff.
/// </summary>
public interface IMessageHandler<in TMessage>
    where TMessage : class
{
    Task HandleAsync(TMessage message, CancellationToken cancellationToken);
}
