namespace Shop.Messaging.Kafka;

/// <summary>A record that retrying cannot fix (bad JSON, unknown type, failed validation):
/// it goes straight to the dead-letter topic.</summary>
public sealed class PermanentMessageException(string reason, string message, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>A short machine-readable reason, e.g. <c>malformed-json</c>, <c>unknown-type</c>.</summary>
    public string Reason { get; } = reason;
}
