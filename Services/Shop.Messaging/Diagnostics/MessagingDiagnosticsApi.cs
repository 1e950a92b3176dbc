using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shop.Messaging.Envelope;
using Shop.Messaging.Kafka;

namespace Shop.Messaging.Diagnostics;

/// <summary>
/// <c>POST /diagnostics/messaging/ping</c> sends a ping on <c>shop.diagnostics</c>;
/// <c>GET /diagnostics/messaging/pings/{id}</c> tells whether this process has received it.
/// The ping goes to Kafka directly, not through an outbox: it probes the broker path and changes no state.
/// </summary>
public static class MessagingDiagnosticsApi
{
    public static IEndpointRouteBuilder MapMessagingDiagnostics(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<DiagnosticsOptions>>().Value;
        if (!options.Enabled)
        {
            return app;
        }

        var api = app.MapGroup("/diagnostics/messaging").WithTags("Diagnostics");
        api.MapPost("/ping", SendPingAsync);
        api.MapGet("/pings/{pingId:guid}", GetPing);
        return app;
    }

    public static async Task<Accepted<MessagingPing>> SendPingAsync(
        KafkaProducer producer, MessagingIdentity identity, TimeProvider time, CancellationToken cancellationToken)
    {
        var ping = new MessagingPing(Guid.CreateVersion7(), identity.ServiceName, identity.InstanceId, time.GetUtcNow());
        var message = new Message<string, byte[]>
        {
            Key = ping.PingId.ToString(),
            Value = JsonSerializer.SerializeToUtf8Bytes(ping, JsonSerializerOptions.Web),
            Headers = new Headers
            {
                { MessageHeaders.MessageId, Encoding.UTF8.GetBytes(ping.PingId.ToString()) },
                { MessageHeaders.MessageType, "shop.diagnostics.ping.v1"u8.ToArray() },
                { MessageHeaders.SentAt, Encoding.UTF8.GetBytes(ping.SentAt.ToString("O")) },
            },
        };
        await producer.ProduceAsync(Topics.Diagnostics, message, cancellationToken);
        return TypedResults.Accepted($"/diagnostics/messaging/pings/{ping.PingId}", ping);
    }

    public static Results<Ok<ReceivedPing>, NotFound> GetPing(Guid pingId, ReceivedPings pings) =>
        pings.Find(pingId) is { } ping ? TypedResults.Ok(ping) : TypedResults.NotFound();
}
