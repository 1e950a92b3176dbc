namespace Shop.Messaging.Handling;

/// <summary>
/// The message being handled in the current scope (empty in an HTTP request). The outbox reads it so that
/// what a handler sends carries the incoming message's correlation id and names it as the cause.
/// </summary>
public sealed class MessageContext
{
    public Guid? MessageId { get; private set; }

    public string? MessageType { get; private set; }

    public string? CorrelationId { get; private set; }

    public void Set(Guid messageId, string messageType, string? correlationId)
    {
        MessageId = messageId;
        MessageType = messageType;
        CorrelationId = correlationId;
    }
}
