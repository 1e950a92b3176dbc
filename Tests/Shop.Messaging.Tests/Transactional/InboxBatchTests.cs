using System.Diagnostics.Metrics;
using System.Text;
using Confluent.Kafka;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Shop.Messaging.Envelope;
using Shop.Messaging.Extensions;
using Shop.Messaging.Inbox;
using Shop.Messaging.Kafka;
using Shop.Messaging.Tests.Support;
using Shop.Testing;

namespace Shop.Messaging.Tests.Transactional;

/// <summary>
/// Records of one partition handled together (one scope, one transaction), against real PostgreSQL and the broker's
/// dead-letter topic. Most tests hand the batch to the consumer loop's entry point directly, so which records go
/// together does not depend on timing; the host is not started. Every record here is about one widget (one key,
/// one partition), and <see cref="ScriptedWidgetHandler"/> appends each message's name to it.
/// </summary>
public sealed class InboxBatchTests(TransactionalMessagingFixture fixture) : IClassFixture<TransactionalMessagingFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private long _offset;

    [Fact]
    public async Task A_batch_is_handled_in_order_in_one_transaction_and_skips_ids_handled_before_or_repeated_in_it()
    {
        // Arrange: "old" was handled before, on its own.
        using var host = BuildHost();
        var widget = Guid.CreateVersion7();
        var old = Record(widget, "old");
        await HandleAsync(host, [old]);
        var a = Record(widget, "a");
        var b = Record(widget, "b");
        var c = Record(widget, "c");
        var aAgain = Record(widget, "a", MessageIdOf(a));
        var oldAgain = Record(widget, "old", MessageIdOf(old));

        // Act
        var stored = await HandleAsync(host, [a, oldAgain, b, aAgain, c]);

        // Assert: each took effect once, in order; only the last offset is stored, as for one unit.
        var row = await WidgetAsync(widget);
        row!.Name.Should().Be("old,a,b,c");
        row.TimesHandled.Should().Be(4);
        stored.Should().Equal(c.Offset.Value + 1);
        await using var db = fixture.CreateContext();
        var ids = new[] { MessageIdOf(old), MessageIdOf(a), MessageIdOf(b), MessageIdOf(c) };
        (await db.Set<InboxMessage>().CountAsync(m => ids.Contains(m.MessageId))).Should().Be(4);
    }

    [Fact]
    public async Task Poison_records_in_the_middle_of_a_batch_are_dead_lettered_alone_and_the_others_are_handled_in_order()
    {
        // Arrange: one record fails in its handler, inside the transaction; one cannot even be decoded.
        using var host = BuildHost();
        var widget = Guid.CreateVersion7();
        var poison = Record(widget, ScriptedWidgetHandler.Poison);
        var malformed = Record(widget, "{ not json", body: "{ not json");
        ConsumeResult<string, byte[]>[] batch =
            [Record(widget, "a"), Record(widget, "b"), poison, Record(widget, "c"), malformed, Record(widget, "d")];

        // Act
        var stored = await HandleAsync(host, batch);

        // Assert
        (await WidgetAsync(widget))!.Name.Should().Be("a,b,c,d");
        stored.Should().Equal(batch.Select(r => r.Offset.Value + 1), "one at a time, each offset after its record");
        var deadLetters = await DeadLettersAsync(widget.ToString(), expected: 2);
        deadLetters.Select(r => (TopicReader.Header(r, MessageHeaders.MessageId), TopicReader.Header(r, MessageHeaders.DeadLetterReason)))
            .Should().Equal((MessageIdOf(poison).ToString(), "poisoned"), (MessageIdOf(malformed).ToString(), "malformed-json"));
    }

    [Fact]
    public async Task A_unique_violation_in_a_batch_rolls_it_back_and_its_records_are_handled_one_at_a_time_without_dead_letters()
    {
        // Arrange: the second record's first attempt inserts the widget the first record created.
        using var host = BuildHost();
        var widget = Guid.CreateVersion7();
        ConsumeResult<string, byte[]>[] batch =
            [Record(widget, "a"), Record(widget, ScriptedWidgetHandler.CollidesOnce), Record(widget, "c")];

        // Act
        var stored = await HandleAsync(host, batch);

        // Assert: "a" did not take effect twice, so the batch's attempt left nothing behind.
        var row = await WidgetAsync(widget);
        row!.Name.Should().Be($"a,{ScriptedWidgetHandler.CollidesOnce},c");
        row.TimesHandled.Should().Be(3);
        stored.Should().Equal(batch.Select(r => r.Offset.Value + 1));
        host.Services.GetRequiredService<AttemptRecorder>().Attempts[$"{widget}/{ScriptedWidgetHandler.CollidesOnce}"]
            .Should().Be(2, "one attempt in the batch, one alone");
        TopicReader.ReadAll(fixture.BootstrapServers, Topics.DeadLetter(WidgetTopics.Widgets), Deadline)
            .Should().NotContain(r => r.Message.Key == widget.ToString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Records_that_queue_up_on_a_partition_are_all_handled_once_in_order(bool batching)
    {
        // Arrange: the records are on the topic before the consumer starts, so they arrive faster than it handles them.
        using var host = BuildHost(batching);
        var widget = Guid.CreateVersion7();
        var names = Enumerable.Range(0, 200).Select(i => $"w{i:000}").ToList();
        using (var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = fixture.BootstrapServers }).Build())
        {
            foreach (var name in names)
            {
                var record = Record(widget, name);
                producer.Produce(WidgetTopics.Widgets, record.Message);
            }

            producer.Flush(Deadline);
        }

        var group = Consumer(host).Subscription.GroupId;
        var largestBatch = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MessagingTelemetry.Name && instrument.Name == "shop.messaging.batch.size")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, size, tags, _) =>
        {
            if (tags.ToArray().Any(t => t.Value as string == group))
            {
                InterlockedMax(ref largestBatch, size);
            }
        });
        listener.Start();

        // Act
        await host.StartAsync();

        // Assert
        var row = await Wait.ForAsync(async () => await WidgetAsync(widget) is { TimesHandled: 200 } w ? w : null, Deadline, "all 200 handled");
        row.Name.Should().Be(string.Join(",", names));
        if (batching)
        {
            largestBatch.Should().BeGreaterThan(1, "records that queued up were handled together");
        }
        else
        {
            largestBatch.Should().Be(1, "a subscription without batching handles one record per transaction");
        }

        await host.StopAsync();
    }

    private IHost BuildHost(bool batching = true) =>
        WidgetHost.Build(fixture, batching: batching, configure: services =>
        {
            services.AddSingleton<AttemptRecorder>();
            services.AddMessageHandler<WidgetShipped, ScriptedWidgetHandler>();
        });

    /// <summary>Hands <paramref name="records"/> to the widgets consumer as the partition worker does; returns the offsets it stored.</summary>
    private static async Task<IReadOnlyList<long>> HandleAsync(IHost host, IReadOnlyList<ConsumeResult<string, byte[]>> records)
    {
        var stored = new List<long>();
        // Kafka commits the offset of the next record to read.
        await Consumer(host).HandleAsync(records, record => stored.Add(record.Offset.Value + 1), CancellationToken.None);
        return stored;
    }

    private static KafkaConsumerService Consumer(IHost host) =>
        host.Services.GetServices<IHostedService>().OfType<KafkaConsumerService>()
            .Single(c => c.Subscription.Topics.Contains(WidgetTopics.Widgets));

    private static void InterlockedMax(ref int target, int value)
    {
        for (var current = Volatile.Read(ref target); value > current; current = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, current) == current)
            {
                return;
            }
        }
    }

    private ConsumeResult<string, byte[]> Record(Guid widget, string name, Guid? messageId = null, string? body = null) => new()
    {
        Topic = WidgetTopics.Widgets,
        Partition = new Partition(0),
        Offset = new Offset(++_offset),
        Message = new Message<string, byte[]>
        {
            Key = widget.ToString(),
            Value = Encoding.UTF8.GetBytes(body ?? $$"""{"orderId":"{{widget}}","name":"{{name}}"}"""),
            Headers = new Headers
            {
                { MessageHeaders.MessageId, Encoding.UTF8.GetBytes((messageId ?? Guid.CreateVersion7()).ToString()) },
                { MessageHeaders.MessageType, "test.widget-shipped.v1"u8.ToArray() },
            },
        },
    };

    private static Guid MessageIdOf(ConsumeResult<string, byte[]> record) =>
        Guid.Parse(TopicReader.Header(record, MessageHeaders.MessageId));

    private async Task<IReadOnlyList<ConsumeResult<string, byte[]>>> DeadLettersAsync(string key, int expected) =>
        await Wait.ForAsync(() =>
        {
            var records = TopicReader.ReadAll(fixture.BootstrapServers, Topics.DeadLetter(WidgetTopics.Widgets), TimeSpan.FromSeconds(5))
                .Where(r => r.Message.Key == key)
                .ToList();
            return records.Count == expected ? records : null;
        }, Deadline, $"{expected} records of {key} dead-lettered");

    private async Task<Widget?> WidgetAsync(Guid widget)
    {
        await using var db = fixture.CreateContext();
        return await db.Widgets.AsNoTracking().SingleOrDefaultAsync(w => w.OrderId == widget);
    }
}
