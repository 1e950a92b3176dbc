using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Shop.Messaging.Envelope;
using Shop.Messaging.Handling;
using Shop.Messaging.Kafka;
using Shop.Messaging.Persistence;

namespace Shop.Messaging.Inbox;

/// <summary>
/// Handles records the inbox way (DESIGN §3): check the envelope, decode and validate the body, then in one
/// <typeparamref name="TContext"/> transaction record the message id in the inbox (a duplicate stops here), run the
/// service's <see cref="IMessageHandler{TMessage}"/>, save its changes and outbox rows, and commit. The Kafka
/// offset is stored only afterwards, by the consumer loop. A batch of one partition's records shares the
/// transaction (see <see cref="HandleBatchAsync"/>).
/// </summary>
public sealed partial class InboxRecordHandler<TContext>(
    TContext db,
    InboxConsumerGroup group,
    MessageTypeRegistry registry,
    MessageSerializer serializer,
    MessageContext messageContext,
    IServiceProvider services,
    TimeProvider time,
    ILogger<InboxRecordHandler<TContext>> logger) : IKafkaBatchHandler
    where TContext : DbContext
{
    // Per message type, built once: the handler's service type and a typed call to it (no reflection per record).
    private static readonly ConcurrentDictionary<Type, (Type HandlerType, Func<object, object, CancellationToken, Task> Invoke)> Dispatch = new();

    // One per context type (this class is generic over it): the schema is fixed by the model.
    private static string? _insertSql;
    private static string? _insertBatchSql;

    public async Task HandleAsync(ConsumeResult<string, byte[]> record, CancellationToken cancellationToken)
    {
        if (Prepare(record) is not { } message)
        {
            return;
        }

        using var activity = StartActivity(record, message.TypeName, group.GroupId);
        messageContext.Set(message.MessageId, message.TypeName, message.CorrelationId);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var inserted = await db.Database.ExecuteSqlRawAsync(
            _insertSql ??= InboxInsertSql(MessagingSchema.Of(db)),
            [group.GroupId, message.MessageId, message.TypeName, time.GetUtcNow()],
            cancellationToken);
        if (inserted == 0)
        {
            LogDuplicate(message.TypeName, message.MessageId);
            MessagingTelemetry.Duplicates.Add(1);
            return; // disposing the transaction rolls it back; nothing was changed
        }

        await message.Invoke(message.Handler, message.Body, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        MessagingTelemetry.Handled.Add(1, new KeyValuePair<string, object?>("message.type", message.TypeName));
    }

    /// <summary>
    /// Handles the records in order in one transaction: one inbox insert for all their message ids (the ones already
    /// there, or repeated within the batch, are skipped), then each handler, each followed by its own SaveChanges, and
    /// one commit. Saving after every handler, and starting the next one with an empty change tracker, lets each
    /// handler see what the ones before it changed exactly as if they had committed: two messages of one order (one
    /// saga) in a batch read the row the first one wrote, never a stale copy, and never insert it twice.
    /// Anything thrown leaves nothing behind: the transaction rolls back, and the consumer falls back to
    /// <see cref="HandleAsync"/> per record.
    /// </summary>
    public async Task HandleBatchAsync(IReadOnlyList<ConsumeResult<string, byte[]>> records, CancellationToken cancellationToken)
    {
        var messages = new List<(ConsumeResult<string, byte[]> Record, InboxDelivery Message)>(records.Count);
        foreach (var record in records)
        {
            if (Prepare(record) is { } message)
            {
                messages.Add((record, message));
            }
        }

        if (messages.Count == 0)
        {
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var fresh = await InsertIntoInboxAsync(messages.Select(m => m.Message).ToList(), cancellationToken);
        var handled = new List<string>(messages.Count);
        foreach (var (record, message) in messages)
        {
            // Remove: a message id the batch holds twice is handled at its first occurrence only.
            if (!fresh.Remove(message.MessageId))
            {
                LogDuplicate(message.TypeName, message.MessageId);
                MessagingTelemetry.Duplicates.Add(1);
                continue;
            }

            using (StartActivity(record, message.TypeName, group.GroupId))
            {
                messageContext.Set(message.MessageId, message.TypeName, message.CorrelationId);
                await message.Invoke(message.Handler, message.Body, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }

            db.ChangeTracker.Clear();
            handled.Add(message.TypeName);
        }

        await transaction.CommitAsync(cancellationToken);
        foreach (var typeName in handled)
        {
            MessagingTelemetry.Handled.Add(1, new KeyValuePair<string, object?>("message.type", typeName));
        }
    }

    /// <summary>Inserts the inbox rows of <paramref name="messages"/>; returns the message ids that were not there yet.</summary>
    private async Task<HashSet<Guid>> InsertIntoInboxAsync(IReadOnlyList<InboxDelivery> messages, CancellationToken cancellationToken)
    {
        var ids = await db.Database.SqlQueryRaw<Guid>(
                _insertBatchSql ??= InboxInsertBatchSql(MessagingSchema.Of(db)),
                new NpgsqlParameter("group", group.GroupId),
                new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = messages.Select(m => m.MessageId).ToArray() },
                new NpgsqlParameter("types", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = messages.Select(m => m.TypeName).ToArray() },
                new NpgsqlParameter("handled_at", time.GetUtcNow()))
            .ToListAsync(cancellationToken);
        return [.. ids];
    }

    private static string InboxInsertSql(string schema) => $$"""
        INSERT INTO "{{schema}}".{{MessagingModelBuilderExtensions.InboxTable}} (consumer_group, message_id, message_type, handled_at)
        VALUES ({0}, {1}, {2}, {3})
        ON CONFLICT DO NOTHING
        """;

    // DO NOTHING also skips the second of two equal ids within the statement; RETURNING names the rows inserted.
    private static string InboxInsertBatchSql(string schema) => $$"""
        INSERT INTO "{{schema}}".{{MessagingModelBuilderExtensions.InboxTable}} (consumer_group, message_id, message_type, handled_at)
        SELECT @group, m.id, m.type, @handled_at FROM unnest(@ids, @types) AS m(id, type)
        ON CONFLICT DO NOTHING
        RETURNING message_id AS "Value"
        """;

    /// <summary>
    /// Checks the envelope and decodes the body, outside any transaction: a record that can never succeed throws
    /// <see cref="PermanentMessageException"/>. Null for a type this service has no handler for (topics carry several
    /// types; this service acts on some of them only).
    /// </summary>
    private InboxDelivery? Prepare(ConsumeResult<string, byte[]> record)
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
        if (services.GetService(dispatch.HandlerType) is not { } handler)
        {
            return null;
        }

        var body = Decode(record.Message.Value, type, typeName);
        return new InboxDelivery(messageId, typeName, Header(headers, MessageHeaders.CorrelationId), handler, dispatch.Invoke, body);
    }

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

    private static Activity? StartActivity(ConsumeResult<string, byte[]> record, string typeName, string groupId)
    {
        var headers = record.Message.Headers;
        ActivityContext.TryParse(Header(headers, MessageHeaders.TraceParent), Header(headers, MessageHeaders.TraceState), out var parent);
        var activity = MessagingTelemetry.ActivitySource.StartActivity($"{record.Topic} process", ActivityKind.Consumer, parent);
        activity?.SetTag("messaging.system", "kafka");
        activity?.SetTag("messaging.destination.name", record.Topic);
        activity?.SetTag("messaging.consumer.group.name", groupId);
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
