using System.Text;
using Shop.Messaging.Envelope;
using Shop.Messaging.Kafka;

namespace Shop.Messaging.DeadLetters;

/// <summary>
/// One record of a <c>&lt;topic&gt;.dlq</c> topic: where it sits (<see cref="Coordinate"/>), the original record's
/// key, body and headers, and the <c>dlq-*</c> headers the consumer added to say why it gave up on it.
/// </summary>
public sealed record DeadLetterRecord(
    string Topic,
    int Partition,
    long Offset,
    DateTimeOffset Timestamp,
    string? Key,
    byte[] Value,
    IReadOnlyList<KeyValuePair<string, byte[]>> Headers)
{
    /// <summary>Headers the dead-lettering added (and a replay adds): everything under this prefix.</summary>
    public const string DeadLetterHeaderPrefix = "dlq-";

    /// <summary><c>topic/partition/offset</c>: how the tool names a record (<see cref="DeadLetterCoordinate"/>).</summary>
    public DeadLetterCoordinate Coordinate => new(Topic, Partition, Offset);

    public string? Reason => Header(MessageHeaders.DeadLetterReason);

    public string? Error => Header(MessageHeaders.DeadLetterError);

    public string? MessageType => Header(MessageHeaders.MessageType);

    public string? MessageId => Header(MessageHeaders.MessageId);

    public string? ConsumerGroup => Header(MessageHeaders.DeadLetterConsumerGroup);

    /// <summary>The topic the record was consumed from: its <c>dlq-source-topic</c> header, or the DLQ's name
    /// without <c>.dlq</c>.</summary>
    public string SourceTopic => Header(MessageHeaders.DeadLetterSourceTopic)
        ?? (Topic.EndsWith(Topics.DeadLetterSuffix, StringComparison.Ordinal) ? Topic[..^Topics.DeadLetterSuffix.Length] : Topic);

    /// <summary>The original record's headers: every header but the <c>dlq-*</c> ones.</summary>
    public IEnumerable<KeyValuePair<string, byte[]>> OriginalHeaders =>
        Headers.Where(h => !h.Key.StartsWith(DeadLetterHeaderPrefix, StringComparison.Ordinal));

    /// <summary>The last value of a header as UTF-8 text, or null when the record has none.</summary>
    public string? Header(string name)
    {
        for (var i = Headers.Count - 1; i >= 0; i--)
        {
            if (Headers[i].Key == name)
            {
                return Encoding.UTF8.GetString(Headers[i].Value);
            }
        }

        return null;
    }
}
