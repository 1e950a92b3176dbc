using System.Text;
using Confluent.Kafka;
using Shop.Messaging.DeadLetters;
using Shop.Messaging.Envelope;
using Shop.Messaging.Kafka;
using Shop.Messaging.Tests.Support;

namespace Shop.Messaging.Tests.DeadLetters;

/// <summary>DeadLetterReader and DeadLetterReplayer against a real Kafka-protocol broker (one per class).</summary>
public sealed class DeadLetterToolTests(KafkaBrokerFixture kafka) : IClassFixture<KafkaBrokerFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Reading_a_dead_letter_topic_returns_every_record_with_its_reason_and_moves_no_offsets()
    {
        // Arrange: a topic of its own, records on several partitions
        var source = Topics.OrdersEvents;
        var dlq = Topics.DeadLetter(source);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var id = Guid.CreateVersion7().ToString();
            ids.Add(id);
            await ProduceAsync(dlq, i % KafkaBrokerFixture.Partitions, $"key-{i}", "{}"u8.ToArray(), DeadLetterHeaders(id, source, reason: i % 2 == 0 ? "malformed-json" : "unknown-type"));
        }

        var reader = new DeadLetterReader(kafka.BootstrapServers, Timeout);

        // Act
        var first = reader.ReadAll(dlq);
        var second = reader.ReadAll(dlq);

        // Assert
        first.Select(r => r.MessageId).Should().BeEquivalentTo(ids);
        first.Where(r => r.Reason == "malformed-json").Should().HaveCount(3);
        first.Should().OnlyContain(r => r.Topic == dlq && r.SourceTopic == source && r.Error == "it broke");
        second.Select(r => r.Coordinate).Should().Equal(first.Select(r => r.Coordinate), "reading joins no group and commits nothing");
    }

    [Fact]
    public void An_empty_or_unknown_topic_has_no_dead_letters()
    {
        var reader = new DeadLetterReader(kafka.BootstrapServers, Timeout);

        reader.ReadAll(Topics.DeadLetter(Topics.InventoryCommands)).Should().BeEmpty();
        reader.ReadAll("no.such.topic.dlq").Should().BeEmpty();
    }

    [Fact]
    public async Task Find_returns_the_record_at_a_coordinate_and_null_past_the_end()
    {
        // Arrange
        var dlq = Topics.DeadLetter(Topics.InventoryEvents);
        var id = Guid.CreateVersion7().ToString();
        var delivered = await ProduceAsync(dlq, 2, "the-key", "body"u8.ToArray(), DeadLetterHeaders(id, Topics.InventoryEvents, "validation-failed"));
        var reader = new DeadLetterReader(kafka.BootstrapServers, Timeout);

        // Act
        var found = reader.Find(new DeadLetterCoordinate(dlq, 2, delivered.Offset.Value));
        var missing = reader.Find(new DeadLetterCoordinate(dlq, 2, delivered.Offset.Value + 100));

        // Assert
        found.Should().NotBeNull();
        (found!.MessageId, found.Key, found.Reason, Encoding.UTF8.GetString(found.Value)).Should().Be((id, "the-key", "validation-failed", "body"));
        missing.Should().BeNull();
    }

    [Fact]
    public async Task Replay_sends_the_original_key_body_and_headers_back_to_the_source_topic_marked_as_replayed()
    {
        // Arrange
        var source = Topics.PaymentsEvents;
        var dlq = Topics.DeadLetter(source);
        var id = Guid.CreateVersion7().ToString();
        var headers = DeadLetterHeaders(id, source, "unknown-type");
        headers.Add("x-custom", "kept"u8.ToArray());
        var delivered = await ProduceAsync(dlq, 1, "order-key", """{"a":1}"""u8.ToArray(), headers);
        var record = new DeadLetterReader(kafka.BootstrapServers, Timeout).Find(new DeadLetterCoordinate(dlq, 1, delivered.Offset.Value))!;

        // Act
        var replayed = await new DeadLetterReplayer(kafka.BootstrapServers, Timeout).ReplayAsync(record);

        // Assert
        replayed.Topic.Should().Be(source);
        var copy = Read(replayed);
        copy.Message.Key.Should().Be("order-key");
        Encoding.UTF8.GetString(copy.Message.Value).Should().Be("""{"a":1}""");
        var names = copy.Message.Headers.Select(h => h.Key).ToList();
        names.Should().Contain([MessageHeaders.MessageId, MessageHeaders.MessageType, "x-custom", DeadLetterReplayer.ReplayedFromHeader]);
        names.Where(n => n.StartsWith("dlq-", StringComparison.Ordinal)).Should().Equal(DeadLetterReplayer.ReplayedFromHeader);
        TopicReader.Header(copy, MessageHeaders.MessageId).Should().Be(id, "the same message-id lets the inbox drop a second replay");
        TopicReader.Header(copy, DeadLetterReplayer.ReplayedFromHeader).Should().Be($"{dlq}/1/{delivered.Offset.Value}");
    }

    [Fact]
    public async Task Replay_with_a_replacement_body_sends_that_body_and_keeps_the_rest()
    {
        // Arrange
        var source = Topics.OrdersCommands;
        var dlq = Topics.DeadLetter(source);
        var id = Guid.CreateVersion7().ToString();
        var delivered = await ProduceAsync(dlq, 0, "k", "{ broken"u8.ToArray(), DeadLetterHeaders(id, source, "malformed-json"));
        var record = new DeadLetterReader(kafka.BootstrapServers, Timeout).Find(new DeadLetterCoordinate(dlq, 0, delivered.Offset.Value))!;

        // Act
        var replayed = await new DeadLetterReplayer(kafka.BootstrapServers, Timeout).ReplayAsync(record, """{"fixed":true}"""u8.ToArray());

        // Assert
        var copy = Read(replayed);
        Encoding.UTF8.GetString(copy.Message.Value).Should().Be("""{"fixed":true}""");
        TopicReader.Header(copy, MessageHeaders.MessageId).Should().Be(id);
        copy.Message.Key.Should().Be("k");
    }

    [Theory]
    [InlineData("payments.commands.dlq/0/12", true)]
    [InlineData("payments.commands.dlq/0", false)]
    [InlineData("payments.commands.dlq/x/1", false)]
    [InlineData("payments.commands.dlq/0/-1", false)]
    [InlineData("/0/1", false)]
    public void A_coordinate_is_topic_partition_offset(string text, bool valid)
    {
        DeadLetterCoordinate.TryParse(text, out var coordinate).Should().Be(valid);
        if (valid)
        {
            coordinate!.ToString().Should().Be(text);
        }
    }

    private static Headers DeadLetterHeaders(string messageId, string sourceTopic, string reason) => new()
    {
        { MessageHeaders.MessageId, Encoding.UTF8.GetBytes(messageId) },
        { MessageHeaders.MessageType, "test.thing.v1"u8.ToArray() },
        { MessageHeaders.DeadLetterReason, Encoding.UTF8.GetBytes(reason) },
        { MessageHeaders.DeadLetterError, "it broke"u8.ToArray() },
        { MessageHeaders.DeadLetterSourceTopic, Encoding.UTF8.GetBytes(sourceTopic) },
        { MessageHeaders.DeadLetterSourcePartition, "0"u8.ToArray() },
        { MessageHeaders.DeadLetterSourceOffset, "7"u8.ToArray() },
    };

    private async Task<DeliveryResult<string, byte[]>> ProduceAsync(string topic, int partition, string key, byte[] value, Headers headers)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers }).Build();
        return await producer.ProduceAsync(new TopicPartition(topic, partition), new Message<string, byte[]> { Key = key, Value = value, Headers = headers });
    }

    private ConsumeResult<string, byte[]> Read(TopicPartitionOffset at)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            GroupId = $"reader-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
        }).Build();
        consumer.Assign(at);
        return consumer.Consume(Timeout) ?? throw new TimeoutException($"nothing at {at}");
    }
}
