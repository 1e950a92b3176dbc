using Confluent.Kafka;
using Shop.Messaging.Kafka;

namespace Shop.Messaging.Tests.Support;

/// <summary>Fails the first two attempts at every record with a transient error, then succeeds.</summary>
public sealed class FailTwiceHandler(AttemptRecorder recorder) : IKafkaRecordHandler
{
    public Task HandleAsync(ConsumeResult<string, byte[]> record, CancellationToken cancellationToken)
    {
        if (recorder.Attempt(record.Message.Key) <= 2)
        {
            throw new TimeoutException("the database did not answer in time");
        }

        recorder.Succeeded(record.Message.Key);
        return Task.CompletedTask;
    }
}
