using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Messaging.Envelope;
using Shop.Messaging.Inbox;
using Shop.Messaging.Kafka;
using Shop.Messaging.Outbox;
using Shop.Messaging.Tests.Support;
using Shop.Testing;

namespace Shop.Messaging.Tests.Transactional;

/// <summary>The outbox and the inbox against real PostgreSQL and the Kafka-protocol broker (DESIGN §3).</summary>
public sealed class TransactionalMessagingTests(TransactionalMessagingFixture fixture)
    : IClassFixture<TransactionalMessagingFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_message_added_in_a_committed_transaction_is_published_exactly_once_with_its_envelope()
    {
        // Arrange
        using var host = WidgetHost.Build(fixture);
        await host.StartAsync();
        var message = new WidgetShipped(Guid.CreateVersion7(), "committed");
        var consumed = new System.Collections.Concurrent.ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MessagingTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = consumed.Add,
        };
        ActivitySource.AddActivityListener(listener);
        using var activity = new Activity("test-request").SetIdFormat(ActivityIdFormat.W3C).Start();

        // Act
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WidgetDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            scope.ServiceProvider.GetRequiredService<IOutbox>().Add(message, message.OrderId.ToString());
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        // Assert: handled by the consumer, then the outbox is empty and the topic holds the message once.
        await WaitUntilHandledAsync(message.OrderId);
        await Wait.UntilAsync(async () => await OutboxCountAsync() == 0, Deadline, "the relay deleted the published row");
        var records = RecordsFor(message.OrderId);
        records.Should().ContainSingle();
        var record = records[0];
        TopicReader.Header(record, MessageHeaders.MessageType).Should().Be("test.widget-shipped.v1");
        Guid.TryParse(TopicReader.Header(record, MessageHeaders.MessageId), out var messageId).Should().BeTrue();
        messageId.Version.Should().Be(7);
        TopicReader.Header(record, MessageHeaders.CorrelationId).Should().Be(message.OrderId.ToString());
        TopicReader.Header(record, MessageHeaders.TraceParent).Should().Contain(activity.TraceId.ToHexString());
        TopicReader.Header(record, MessageHeaders.SentAt).Should().NotBeNullOrEmpty();
        Encoding.UTF8.GetString(record.Message.Value).Should().Contain("\"name\":\"committed\"");
        (await WidgetAsync(message.OrderId))!.TimesHandled.Should().Be(1);
        // One trace: the relay's publish span is a child of the span that added the row, the record carries the
        // publish span's context (W3C trace context in the headers), and the consumer's span is its child.
        var publish = consumed.Should().ContainSingle(a => a.Kind == ActivityKind.Producer && a.TraceId == activity.TraceId).Subject;
        publish.ParentSpanId.Should().Be(activity.SpanId);
        publish.GetTagItem("messaging.destination.name").Should().Be(record.Topic);
        TopicReader.Header(record, MessageHeaders.TraceParent).Should().Be(publish.Id);
        await Wait.UntilAsync(
            () => consumed.Any(a => a.Kind == ActivityKind.Consumer && a.TraceId == activity.TraceId && a.ParentSpanId == publish.SpanId),
            Deadline,
            "the consumer's span to continue from the publish span");

        await host.StopAsync();
    }

    [Fact]
    public async Task A_message_added_in_a_rolled_back_transaction_is_never_published()
    {
        // Arrange
        using var host = WidgetHost.Build(fixture);
        await host.StartAsync();
        var rolledBack = new WidgetShipped(Guid.CreateVersion7(), "rolled back");
        var marker = new WidgetShipped(Guid.CreateVersion7(), "marker");

        // Act: the rolled-back message first, then a committed one the relay must publish after it.
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WidgetDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            scope.ServiceProvider.GetRequiredService<IOutbox>().Add(rolledBack, rolledBack.OrderId.ToString());
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        await AddCommittedAsync(host, marker);

        // Assert
        await WaitUntilHandledAsync(marker.OrderId);
        RecordsFor(rolledBack.OrderId).Should().BeEmpty();
        (await WidgetAsync(rolledBack.OrderId)).Should().BeNull();

        await host.StopAsync();
    }

    [Fact]
    public async Task The_same_record_delivered_twice_is_handled_once()
    {
        // Arrange
        using var host = WidgetHost.Build(fixture);
        await host.StartAsync();
        var message = new WidgetShipped(Guid.CreateVersion7(), "twice");
        var messageId = Guid.CreateVersion7().ToString();
        var marker = new WidgetShipped(Guid.CreateVersion7(), "marker");

        // Act: one message id, two records (a producer retry or a replay looks like this), then a marker on the same key.
        await ProduceAsync(message.OrderId.ToString(), "test.widget-shipped.v1", messageId, """{"orderId":"%ID%","name":"twice"}""".Replace("%ID%", message.OrderId.ToString()));
        await ProduceAsync(message.OrderId.ToString(), "test.widget-shipped.v1", messageId, """{"orderId":"%ID%","name":"twice"}""".Replace("%ID%", message.OrderId.ToString()));
        await ProduceAsync(message.OrderId.ToString(), "test.widget-shipped.v1", Guid.CreateVersion7().ToString(), $$"""{"orderId":"{{marker.OrderId}}","name":"marker"}""");

        // Assert
        await WaitUntilHandledAsync(marker.OrderId);
        (await WidgetAsync(message.OrderId))!.TimesHandled.Should().Be(1);
        await using var db = fixture.CreateContext();
        (await db.Set<InboxMessage>().CountAsync(m => m.MessageId == Guid.Parse(messageId))).Should().Be(1);

        await host.StopAsync();
    }

    [Fact]
    public async Task Poison_records_go_to_the_dead_letter_topic_with_the_reason_and_the_records_behind_them_are_handled()
    {
        // Arrange
        using var host = WidgetHost.Build(fixture);
        await host.StartAsync();
        var key = Guid.CreateVersion7().ToString();
        var good = new WidgetShipped(Guid.CreateVersion7(), "behind the poison");
        var badJson = Guid.CreateVersion7().ToString();
        var unknownType = Guid.CreateVersion7().ToString();
        var invalid = Guid.CreateVersion7().ToString();

        // Act: one key, so one partition, poison first.
        await ProduceAsync(key, "test.widget-shipped.v1", badJson, "{ not json");
        await ProduceAsync(key, "test.no-such-message.v1", unknownType, "{}");
        await ProduceAsync(key, "test.widget-shipped.v1", invalid, $$"""{"orderId":"{{Guid.CreateVersion7()}}","name":""}""");
        await ProduceAsync(key, "test.widget-shipped.v1", Guid.CreateVersion7().ToString(), $$"""{"orderId":"{{good.OrderId}}","name":"{{good.Name}}"}""");

        // Assert
        await WaitUntilHandledAsync(good.OrderId);
        var reasons = await Wait.ForAsync(() =>
        {
            var dead = TopicReader.ReadAll(fixture.BootstrapServers, Topics.DeadLetter(WidgetTopics.Widgets), TimeSpan.FromSeconds(5))
                .Where(r => r.Message.Key == key)
                .ToDictionary(r => TopicReader.Header(r, MessageHeaders.MessageId)!, r => TopicReader.Header(r, MessageHeaders.DeadLetterReason));
            return dead.Count == 3 ? dead : null;
        }, Deadline, "three records dead-lettered");
        reasons[badJson].Should().Be("malformed-json");
        reasons[unknownType].Should().Be("unknown-type");
        reasons[invalid].Should().Be("validation-failed");

        await host.StopAsync();
    }

    [Fact]
    public async Task A_relay_in_another_process_is_woken_by_the_commit_notification()
    {
        // Arrange: host A publishes (it holds the relay lock); the message is written through a plain context
        // that has no in-process signal, as another replica's commit would be.
        using var host = WidgetHost.Build(fixture);
        await host.StartAsync();
        await AddCommittedAsync(host, new WidgetShipped(Guid.CreateVersion7(), "warm-up"));
        var message = new WidgetShipped(Guid.CreateVersion7(), "notified");

        // Act
        await using (var db = fixture.CreateContext())
        {
            new EfOutbox<WidgetDbContext>(db, new MessageTypeRegistry([typeof(WidgetShipped)]), new MessageSerializer(),
                new Handling.MessageContext(), TimeProvider.System).Add(message, message.OrderId.ToString());
            await db.SaveChangesAsync();
        }

        // Assert: well inside the five-minute backstop poll.
        await WaitUntilHandledAsync(message.OrderId, TimeSpan.FromSeconds(10));

        await host.StopAsync();
    }

    [Fact]
    public async Task One_key_reaches_the_topic_in_commit_order_while_the_broker_refuses_produce_requests_for_a_while()
    {
        // Arrange: a run of retriable produce errors on every broker; each commit below is its own transaction.
        using var host = WidgetHost.Build(fixture);
        await host.StartAsync();
        var orderId = Guid.CreateVersion7();
        var names = Enumerable.Range(0, 30).Select(i => $"step-{i:00}").ToList();
        await fixture.Infrastructure.Broker.PushRequestErrorsAsync("Produce", [ErrorCode.NotEnoughReplicas], repeat: 6);

        // Act
        foreach (var name in names)
        {
            await AddCommittedAsync(host, new WidgetShipped(orderId, name));
        }

        // Assert: every message handled once, and the partition holds them exactly in commit order.
        await Wait.UntilAsync(async () => await WidgetAsync(orderId) is { TimesHandled: 30 }, Deadline, "all 30 handled");
        RecordsFor(orderId)
            .Select(r => System.Text.Json.JsonDocument.Parse(r.Message.Value).RootElement.GetProperty("name").GetString())
            .Should().Equal(names);

        await host.StopAsync();
    }

    [Fact]
    public async Task The_inbox_forgets_message_ids_past_their_retention_and_keeps_the_others()
    {
        // Arrange
        using var host = WidgetHost.Build(fixture);
        var (old, recent) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await using (var db = fixture.CreateContext())
        {
            db.AddRange(
                new InboxMessage { ConsumerGroup = "pruning", MessageId = old, MessageType = "t", HandledAt = DateTimeOffset.UtcNow.AddDays(-8) },
                new InboxMessage { ConsumerGroup = "pruning", MessageId = recent, MessageType = "t", HandledAt = DateTimeOffset.UtcNow.AddDays(-6) });
            await db.SaveChangesAsync();
        }

        // Act
        var deleted = await host.Services.GetRequiredService<InboxPruner<WidgetDbContext>>().PruneOnceAsync(CancellationToken.None);

        // Assert: the default retention is 7 days.
        deleted.Should().BeGreaterThanOrEqualTo(1);
        await using var check = fixture.CreateContext();
        (await check.Set<InboxMessage>().Where(m => m.ConsumerGroup == "pruning").Select(m => m.MessageId).ToListAsync())
            .Should().Equal(recent);
    }

    private static async Task AddCommittedAsync(Microsoft.Extensions.Hosting.IHost host, WidgetShipped message)
    {
        await using var scope = host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IOutbox>().Add(message, message.OrderId.ToString());
        await scope.ServiceProvider.GetRequiredService<WidgetDbContext>().SaveChangesAsync();
    }

    private async Task WaitUntilHandledAsync(Guid orderId, TimeSpan? timeout = null) =>
        await Wait.UntilAsync(async () => await WidgetAsync(orderId) is not null, timeout ?? Deadline, $"widget {orderId} handled");

    private async Task<Widget?> WidgetAsync(Guid orderId)
    {
        await using var db = fixture.CreateContext();
        return await db.Widgets.AsNoTracking().SingleOrDefaultAsync(w => w.OrderId == orderId);
    }

    private async Task<int> OutboxCountAsync()
    {
        await using var db = fixture.CreateContext();
        return await db.Set<OutboxMessage>().CountAsync();
    }

    private List<ConsumeResult<string, byte[]>> RecordsFor(Guid orderId) =>
        TopicReader.ReadAll(fixture.BootstrapServers, WidgetTopics.Widgets, TimeSpan.FromSeconds(10))
            .Where(r => r.Message.Key == orderId.ToString())
            .ToList();

    private async Task ProduceAsync(string key, string type, string messageId, string body)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = fixture.BootstrapServers }).Build();
        await producer.ProduceAsync(WidgetTopics.Widgets, new Message<string, byte[]>
        {
            Key = key,
            Value = Encoding.UTF8.GetBytes(body),
            Headers = new Headers
            {
                { MessageHeaders.MessageId, Encoding.UTF8.GetBytes(messageId) },
                { MessageHeaders.MessageType, Encoding.UTF8.GetBytes(type) },
            },
        });
    }
}
