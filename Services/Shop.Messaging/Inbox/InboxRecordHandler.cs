using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Shop.Messaging.Envelope;
using Shop.Messaging.Handling;
using Shop.Messaging.Kafka;
using Shop.Messaging.Persistence;

namespace Shop.Messaging.Inbox;

/// <summary>
/// Handles one record the inbox way (DESIGN §3): check the envelope, decode and validate the body, then in one
/// <typeparamref name="TContext"/> transaction record the message id in the inbox (a duplicate stops here), run the
/// service's <see cref="IMessageHandler{TMessage}"/>, save its changes and outbox rows, and commit. The Kafka
/// offset is stored only afterwards, by the consumer loop.
/// </summary>
public sealed partial class InboxRecordHandler<TContext>(
    TContext db,
    InboxConsumerGroup group,
    MessageTypeRegistry registry,
    MessageSerializer serializer,
    MessageContext messageContext,
    IServiceProvider services,
    TimeProvider time,
    ILogger<InboxRecordHandler<TContext>> logger) : IKafkaRecordHandler
    where TContext : DbContext
{
    // Per message type, built once: the handler's service type and a typed call to it (no reflection per record).
    private static readonly ConcurrentDictionary<Type, (Type HandlerType, Func<object, object, CancellationToken, Task> Invoke)> Dispatch = new();

    // One per context type (this class is generic over it): the schema is fixed by the model.
    private static string? _insertSql;

    public async Task HandleAsync(ConsumeResult<string, byte[]> record, CancellationToken cancellationToken)
    {
        var headers = record.Message.Headers;
        var typeName = Header(headers, MessageHeaders.MessageType)
            ?? throw new PermanentMessageException("missing-message-type", "The record has no message-type header.");
        if (!Guid.TryParse(Header(headers, MessageHeaders.MessageId), out var messageId))
        {
            throw new PermanentMessageException("missing-message-id", "The record has no valid message-id header.");
        }

        if (!registry.TryGetType(typeName, out var type))
        {
            throw new PermanentMessageException("unknown-type", $"Unknown message type '{typeName}'.");
        }

        var dispatch = Dispatch.GetOrAdd(type, CreateDispatch);
        var handler = services.GetService(dispatch.HandlerType);
        if (handler is null)
        {
            // Topics carry several types; this service acts on some of them only.
            return;
        }

        var message = Decode(record.Message.Value, type, typeName);
        using var activity = StartActivity(headers, typeName, record);
        messageContext.Set(messageId, typeName, Header(headers, MessageHeaders.CorrelationId));

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var inserted = await db.Database.ExecuteSqlRawAsync(
            _insertSql ??= InboxInsertSql(MessagingSchema.Of(db)),
            [group.GroupId, messageId, typeName, time.GetUtcNow()],
            cancellationToken);
        if (inserted == 0)
        {
            LogDuplicate(typeName, messageId);
            MessagingTelemetry.Duplicates.Add(1);
            return; // disposing the transaction rolls it back; nothing was changed
        }

        await dispatch.Invoke(handler, message, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        MessagingTelemetry.Handled.Add(1, new KeyValuePair<string, object?>("message.type", typeName));
    }

    private static string InboxInsertSql(string schema) => $$"""
        INSERT INTO "{{schema}}".{{MessagingModelBuilderExtensions.InboxTable}} (consumer_group, message_id, message_type, handled_at)
        VALUES ({0}, {1}, {2}, {3})
        ON CONFLICT DO NOTHING
        """;

    private object Decode(byte[]? body, Type type, string typeName)
    {
        object message;
        try
        {
            message = serializer.Deserialize(body ?? [], type);
        }
        catch (JsonException ex)
        {
            throw new PermanentMessageException("malformed-json", $"The body is not a valid {typeName}: {ex.Message}", ex);
        }

        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(message, new ValidationContext(message), errors, validateAllProperties: true))
        {
            throw new PermanentMessageException(
                "validation-failed", $"{typeName} is invalid: {string.Join(" ", errors.Select(e => e.ErrorMessage))}");
        }

        return message;
    }

    private static Activity? StartActivity(Headers headers, string typeName, ConsumeResult<string, byte[]> record)
    {
        ActivityContext.TryParse(Header(headers, MessageHeaders.TraceParent), Header(headers, MessageHeaders.TraceState), out var parent);
        var activity = MessagingTelemetry.ActivitySource.StartActivity($"{record.Topic} process", ActivityKind.Consumer, parent);
        activity?.SetTag("messaging.system", "kafka");
        activity?.SetTag("messaging.destination.name", record.Topic);
        activity?.SetTag("messaging.message.type", typeName);
        activity?.SetTag("messaging.kafka.message.key", record.Message.Key);
        return activity;
    }

    private static string? Header(Headers? headers, string name) =>
        headers is not null && headers.TryGetLastBytes(name, out var value) ? Encoding.UTF8.GetString(value) : null;

    private static (Type, Func<object, object, CancellationToken, Task>) CreateDispatch(Type messageType)
    {
        var invoke = typeof(InboxRecordHandler<TContext>)
            .GetMethod(nameof(Invoke), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(messageType)
            .CreateDelegate<Func<object, object, CancellationToken, Task>>();
        return (typeof(IMessageHandler<>).MakeGenericType(messageType), invoke);
    }

    private static Task Invoke<TMessage>(object handler, object message, CancellationToken cancellationToken)
        where TMessage : class =>
        ((IMessageHandler<TMessage>)handler).HandleAsync((TMessage)message, cancellationToken);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Skipped {MessageType} {MessageId}: already handled")]
    private partial void LogDuplicate(string messageType, Guid messageId);
}
