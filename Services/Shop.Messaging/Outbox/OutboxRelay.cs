using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Shop.Messaging.Envelope;
using Shop.Messaging.Hosting;
using Shop.Messaging.Kafka;
using Shop.Messaging.Persistence;

namespace Shop.Messaging.Outbox;

/// <summary>
/// Publishes committed outbox rows in id order and deletes them once Kafka has acknowledged them (DESIGN §3).
/// One relay per service publishes at a time — it holds a Postgres advisory lock — so rows with the same key
/// reach Kafka in the order they were committed even with several replicas; the others wait to take over.
/// A crash between publish and delete publishes a batch again: the consumers' inbox drops the duplicates.
/// </summary>
public sealed partial class OutboxRelay<TContext>(
    IServiceScopeFactory scopes,
    DatabaseReadiness<TContext> database,
    KafkaTopicsReadiness topics,
    KafkaProducer producer,
    OutboxSignal<TContext> signal,
    IOptions<OutboxOptions> options,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService
    where TContext : DbContext
{
    private string _connectionString = "";
    private string _schema = "";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await database.WhenReady(stoppingToken);
        await topics.WhenReady(stoppingToken);
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            _connectionString = db.Database.GetConnectionString()!;
            _schema = MessagingSchema.Of(db);
        }

        // Capped at 5 s, not the default 30: every order of the service waits on the relay, so after a database
        // or broker outage it must be back within seconds, and one failed attempt every few seconds costs nothing.
        var backoff = new RetryBackoff(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(5));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunWhileLeaderAsync(stoppingToken);
                backoff.Reset();
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                var delay = backoff.Next();
                LogRelayFailed(_schema, delay.TotalSeconds, ex.Message);
                await Task.Delay(delay, stoppingToken);
            }
        }
    }

    private async Task RunWhileLeaderAsync(CancellationToken stoppingToken)
    {
        // The lock connection also LISTENs: while it is open this replica is the publisher; if it breaks,
        // Postgres frees the lock and another replica takes over.
        // Unpooled: a pooled connection would go back to the pool still holding the session lock.
        await using var leader = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(_connectionString) { Pooling = false }.ConnectionString);
        await leader.OpenAsync(stoppingToken);
        await using (var tryLock = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtext(@name))", leader))
        {
            tryLock.Parameters.AddWithValue("name", $"{_schema}.outbox");
            if (await tryLock.ExecuteScalarAsync(stoppingToken) is not true)
            {
                await Task.Delay(options.Value.LeaderRetryInterval, stoppingToken);
                return;
            }
        }

        LogLeader(_schema);
        leader.Notification += (_, notification) => signal.NotifiedBy(notification.PID);
        await using (var listen = new NpgsqlCommand($"LISTEN \"{MessagingMigrationBuilderExtensions.NotifyChannel(_schema)}\"", leader))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        using var listening = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var listener = ListenAsync(leader, listening.Token);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (listener.IsCompleted)
                {
                    await listener; // surfaces the broken connection; the caller backs off and re-elects
                }

                var published = await PublishBatchAsync(stoppingToken);
                if (published < options.Value.BatchSize)
                {
                    await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
                }
            }
        }
        finally
        {
            await listening.CancelAsync();
            try
            {
                await listener;
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private static async Task ListenAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        while (true)
        {
            await connection.WaitAsync(cancellationToken);
        }
    }

    private async Task<int> PublishBatchAsync(CancellationToken stoppingToken)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(stoppingToken);
        var rows = new List<(long Id, string Topic, Message<string, byte[]> Message)>();
        await using (var select = new NpgsqlCommand(
            $"""SELECT id, message_id, topic, key, message_type, payload, headers::text FROM "{_schema}".outbox ORDER BY id LIMIT @limit""",
            connection))
        {
            select.Parameters.AddWithValue("limit", options.Value.BatchSize);
            await using var reader = await select.ExecuteReaderAsync(stoppingToken);
            while (await reader.ReadAsync(stoppingToken))
            {
                rows.Add((reader.GetInt64(0), reader.GetString(2), ToKafkaMessage(
                    reader.GetGuid(1), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6))));
            }
        }

        if (rows.Count == 0)
        {
            return 0;
        }

        // Produce the whole batch before awaiting: the idempotent producer pipelines it and keeps per-partition order
        // (each PublishAsync calls ProduceAsync before its first await, so in row order).
        var deliveries = rows.Select(row => PublishAsync(row.Topic, row.Message, stoppingToken)).ToArray();
        await Task.WhenAll(deliveries);

        await using (var delete = new NpgsqlCommand($"""DELETE FROM "{_schema}".outbox WHERE id = ANY(@ids)""", connection))
        {
            delete.Parameters.AddWithValue("ids", rows.Select(row => row.Id).ToArray());
            await delete.ExecuteNonQueryAsync(stoppingToken);
        }

        MessagingTelemetry.Published.Add(rows.Count);
        return rows.Count;
    }

    private async Task PublishAsync(string topic, Message<string, byte[]> message, CancellationToken cancellationToken)
    {
        using var activity = StartPublishActivity(topic, message);
        try
        {
            var delivery = await producer.ProduceAsync(topic, message, cancellationToken);
            activity?.SetTag("messaging.destination.partition.id", delivery.Partition.Value.ToString(CultureInfo.InvariantCulture));
            activity?.SetTag("messaging.kafka.offset", delivery.Offset.Value);
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            activity?.SetTag("error.type", ex.GetType().FullName);
            throw;
        }
    }

    /// <summary>
    /// The producer span of one outbox row: a child of the span that added the row (the trace context stored with
    /// it), and the context the record then carries, so the consumer's span continues from the publish. Without a
    /// listener there is no span and the record carries the stored context unchanged.
    /// </summary>
    private static Activity? StartPublishActivity(string topic, Message<string, byte[]> message)
    {
        var headers = message.Headers;
        ActivityContext.TryParse(Header(headers, MessageHeaders.TraceParent), Header(headers, MessageHeaders.TraceState), out var parent);
        var activity = MessagingTelemetry.ActivitySource.StartActivity($"{topic} publish", ActivityKind.Producer, parent);
        if (activity is null)
        {
            return null;
        }

        activity.SetTag("messaging.system", "kafka");
        activity.SetTag("messaging.operation.type", "send");
        activity.SetTag("messaging.destination.name", topic);
        activity.SetTag("messaging.message.type", Header(headers, MessageHeaders.MessageType));
        activity.SetTag("messaging.message.id", Header(headers, MessageHeaders.MessageId));
        activity.SetTag("messaging.kafka.message.key", message.Key);

        headers.Remove(MessageHeaders.TraceParent);
        headers.Remove(MessageHeaders.TraceState);
        headers.Add(MessageHeaders.TraceParent, Encoding.UTF8.GetBytes(activity.Id!));
        if (activity.TraceStateString is { Length: > 0 } traceState)
        {
            headers.Add(MessageHeaders.TraceState, Encoding.UTF8.GetBytes(traceState));
        }

        return activity;
    }

    private static string? Header(Headers headers, string name) =>
        headers.TryGetLastBytes(name, out var value) ? Encoding.UTF8.GetString(value) : null;

    private static Message<string, byte[]> ToKafkaMessage(Guid messageId, string key, string type, string payload, string headersJson)
    {
        var headers = new Headers
        {
            { MessageHeaders.MessageId, Encoding.UTF8.GetBytes(messageId.ToString()) },
            { MessageHeaders.MessageType, Encoding.UTF8.GetBytes(type) },
        };
        foreach (var (name, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(headersJson) ?? [])
        {
            headers.Add(name, Encoding.UTF8.GetBytes(value));
        }

        return new Message<string, byte[]> { Key = key, Value = Encoding.UTF8.GetBytes(payload), Headers = headers };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This replica now publishes the {Schema} outbox")]
    private partial void LogLeader(string schema);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Schema} outbox relay failed; retrying in {DelaySeconds:0.0} s: {Error}")]
    private partial void LogRelayFailed(string schema, double delaySeconds, string error);
}
