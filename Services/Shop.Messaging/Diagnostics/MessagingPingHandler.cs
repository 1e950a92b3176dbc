using System.Text.Json;
using Confluent.Kafka;
using Shop.Messaging.Kafka;

namespace Shop.Messaging.Diagnostics;

public sealed class MessagingPingHandler(ReceivedPings pings, MessagingIdentity identity, TimeProvider time) : IKafkaRecordHandler
{
    public Task HandleAsync(ConsumeResult<string, byte[]> record, CancellationToken cancellationToken)
    {
        MessagingPing? ping;
        try
        {
            ping = JsonSerializer.Deserialize<MessagingPing>(record.Message.Value, JsonSerializerOptions.Web);
        }
        catch (JsonException ex)
        {
            throw new PermanentMessageException("malformed-json", $"Ping is not valid JSON: {ex.Message}", ex);
        }

        if (ping is null || ping.PingId == Guid.Empty)
        {
            throw new PermanentMessageException("validation-failed", "Ping has no pingId");
        }

        pings.Add(new ReceivedPing(
            ping.PingId, ping.From, ping.FromInstance, identity.ServiceName, identity.InstanceId,
            ping.SentAt, time.GetUtcNow()));
        return Task.CompletedTask;
    }
}
