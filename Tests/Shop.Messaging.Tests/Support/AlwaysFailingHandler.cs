using Confluent.Kafka;
using Shop.Messaging.Kafka;

namespace Shop.Messaging.Tests.Support;

/// <summary>Fails every attempt at a record whose key starts with "doomed", handles the others.</summary>
public sealed class AlwaysFailingHandler(AttemptRecorder recorder) : IKafkaRecordHandler
{
    public Task HandleAsync(ConsumeResult<string, byte[]> record, CancellationToken cancellationToken)
    {
        recorder.Attempt(record.Message.Key);
        if (record.Message.Key.StartsWith("doomed", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("invariant violated while handling");
        }

        recorder.Succeeded(record.Message.Key);
        return Task.CompletedTask;
    }
}
