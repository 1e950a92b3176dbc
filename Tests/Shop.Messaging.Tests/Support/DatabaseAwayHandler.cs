using System.Net.Sockets;
using Confluent.Kafka;
using Npgsql;
using Shop.Messaging.Kafka;

namespace Shop.Messaging.Tests.Support;

/// <summary>Fails the first <see cref="Outage"/> attempts at every record as Npgsql does while PostgreSQL restarts
/// (connection refused), then succeeds.</summary>
public sealed class DatabaseAwayHandler(AttemptRecorder recorder) : IKafkaRecordHandler
{
    public const int Outage = 5;

    public Task HandleAsync(ConsumeResult<string, byte[]> record, CancellationToken cancellationToken)
    {
        if (recorder.Attempt(record.Message.Key) <= Outage)
        {
            throw new InvalidOperationException(
                "An exception has been raised that is likely due to a transient failure.",
                new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)));
        }

        recorder.Succeeded(record.Message.Key);
        return Task.CompletedTask;
    }
}
