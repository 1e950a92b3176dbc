namespace Shop.Messaging.Inbox;

/// <summary>A message this service has handled: one row of its <c>inbox</c> table. The primary key
/// (consumer group, message id) is what turns at-least-once delivery into effectively-once handling.</summary>
public sealed class InboxMessage
{
    public required string ConsumerGroup { get; set; }

    public Guid MessageId { get; set; }

    public required string MessageType { get; set; }

    public DateTimeOffset HandledAt { get; set; }
}
