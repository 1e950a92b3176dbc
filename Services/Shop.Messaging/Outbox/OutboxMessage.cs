namespace Shop.Messaging.Outbox;

/// <summary>A message waiting to be published: one row of the service's <c>outbox</c> table.
/// <see cref="Id"/> is the publishing order; the relay deletes a row once Kafka has acknowledged it.</summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    public Guid MessageId { get; set; }

    public required string Topic { get; set; }

    public required string Key { get; set; }

    public required string MessageType { get; set; }

    /// <summary>The message body, JSON, kept as text so Kafka gets exactly the bytes that were serialized.</summary>
    public required string Payload { get; set; }

    /// <summary>The envelope headers other than message-id and message-type, as a JSON object.</summary>
    public required string Headers { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
