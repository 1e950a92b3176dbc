namespace Shop.Messaging.Envelope;

/// <summary>Kafka header names of the message envelope (DESIGN §3).</summary>
public static class MessageHeaders
{
    public const string MessageId = "message-id";
    public const string MessageType = "message-type";
    public const string CorrelationId = "correlation-id";
    public const string CausationId = "causation-id";
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";
    public const string SentAt = "sent-at";

    // Set on a record moved to a dead-letter topic, so the DLQ explains itself.
    public const string DeadLetterReason = "dlq-reason";
    public const string DeadLetterError = "dlq-error";
    public const string DeadLetterSourceTopic = "dlq-source-topic";
    public const string DeadLetterSourcePartition = "dlq-source-partition";
    public const string DeadLetterSourceOffset = "dlq-source-offset";
    public const string DeadLetterConsumerGroup = "dlq-consumer-group";
}
