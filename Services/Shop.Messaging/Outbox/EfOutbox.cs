using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shop.Messaging.Envelope;
using Shop.Messaging.Handling;

namespace Shop.Messaging.Outbox;

/// <summary>The <see cref="IOutbox"/> of one service: rows in <typeparamref name="TContext"/>'s <c>outbox</c> table.</summary>
public sealed class EfOutbox<TContext>(
    TContext db, MessageTypeRegistry registry, MessageSerializer serializer, MessageContext incoming, TimeProvider time)
    : IOutbox
    where TContext : DbContext
{
    public void Add<TMessage>(TMessage message, string key)
        where TMessage : class
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var type = message.GetType();
        var contract = registry.ContractOf(type);
        var now = time.GetUtcNow();

        var headers = new Dictionary<string, string>
        {
            // A message sent while handling another belongs to the same conversation and names it as its cause.
            [MessageHeaders.CorrelationId] = incoming.CorrelationId ?? key,
            [MessageHeaders.SentAt] = now.ToString("O"),
        };
        if (incoming.MessageId is { } cause)
        {
            headers[MessageHeaders.CausationId] = cause.ToString();
        }

        // The relay publishes later, outside this activity, so the trace context travels with the row.
        if (Activity.Current is { } activity)
        {
            headers[MessageHeaders.TraceParent] = activity.Id!;
            if (activity.TraceStateString is { Length: > 0 } traceState)
            {
                headers[MessageHeaders.TraceState] = traceState;
            }
        }

        db.Add(new OutboxMessage
        {
            MessageId = Guid.CreateVersion7(now),
            Topic = contract.Topic,
            Key = key,
            MessageType = contract.Name,
            Payload = serializer.Serialize(message, type),
            Headers = JsonSerializer.Serialize(headers),
            CreatedAt = now,
        });
    }
}
