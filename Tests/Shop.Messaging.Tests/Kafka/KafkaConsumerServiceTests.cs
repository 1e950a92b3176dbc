using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Shop.Messaging.Diagnostics;
using Shop.Messaging.Envelope;
using Shop.Messaging.Extensions;
using Shop.Messaging.Kafka;
using Shop.Messaging.Tests.Support;
using Shop.Testing;

namespace Shop.Messaging.Tests.Kafka;

/// <summary>The consumer loop against a real Kafka-protocol broker: retries, dead-lettering, offsets.</summary>
public sealed class KafkaConsumerServiceTests(KafkaBrokerFixture kafka) : IClassFixture<KafkaBrokerFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Malformed_record_goes_to_the_dead_letter_topic_with_the_reason_and_the_record_behind_it_is_handled()
    {
        // Arrange
        using var host = MessagingHost.Build(kafka.BootstrapServers, "poison-test");
        await host.StartAsync();
        var poison = "{ this is not json"u8.ToArray();
        var ping = new MessagingPing(Guid.CreateVersion7(), "test", "test-1", DateTimeOffset.UtcNow);

        // Act: same partition, poison first.
        await ProduceAsync(Topics.Diagnostics, partition: 1, "poison-key", poison);
        await ProduceAsync(Topics.Diagnostics, partition: 1, "poison-key", JsonSerializer.SerializeToUtf8Bytes(ping, JsonSerializerOptions.Web));

        // Assert
        var pings = host.Services.GetRequiredService<ReceivedPings>();
        await Wait.UntilAsync(() => pings.Find(ping.PingId) is not null, Deadline, "the ping behind the poison record was handled");
        var deadLetters = TopicReader.ReadAll(kafka.BootstrapServers, Topics.DeadLetter(Topics.Diagnostics), Deadline)
            .Where(r => TopicReader.Header(r, MessageHeaders.DeadLetterConsumerGroup) == "poison-test.diagnostics")
            .ToList();
        deadLetters.Should().ContainSingle();
        var deadLetter = deadLetters[0];
        deadLetter.Message.Key.Should().Be("poison-key");
        deadLetter.Message.Value.Should().Equal(poison);
        TopicReader.Header(deadLetter, MessageHeaders.DeadLetterReason).Should().Be("malformed-json");
        TopicReader.Header(deadLetter, MessageHeaders.DeadLetterSourceTopic).Should().Be(Topics.Diagnostics);
        TopicReader.Header(deadLetter, MessageHeaders.DeadLetterSourcePartition).Should().Be("1");
        TopicReader.Header(deadLetter, MessageHeaders.DeadLetterError).Should().NotBeNullOrWhiteSpace();

        await host.StopAsync();
    }

    [Fact]
    public async Task Transient_failures_are_retried_until_the_record_is_handled_once_and_nothing_is_dead_lettered()
    {
        // Arrange
        using var host = MessagingHost.Build(kafka.BootstrapServers, "flaky-test",
            services => services.AddKafkaConsumer<FailTwiceHandler>("flaky-test.flaky", [TestTopics.Flaky]));
        await host.StartAsync();
        var recorder = host.Services.GetRequiredService<AttemptRecorder>();
        string[] keys = ["a", "b", "c"];

        // Act
        foreach (var key in keys)
        {
            await ProduceAsync(TestTopics.Flaky, partition: null, key, "{}"u8.ToArray());
        }

        // Assert
        await Wait.UntilAsync(() => keys.All(recorder.Successes.ContainsKey), Deadline, "every record handled");
        recorder.Attempts.Should().BeEquivalentTo(keys.ToDictionary(k => k, _ => 3));
        recorder.Successes.Should().BeEquivalentTo(keys.ToDictionary(k => k, _ => 1));
        TopicReader.ReadAll(kafka.BootstrapServers, Topics.DeadLetter(TestTopics.Flaky), Deadline).Should().BeEmpty();

        await host.StopAsync();
    }

    [Fact]
    public async Task Record_that_keeps_failing_is_dead_lettered_after_the_last_attempt_and_the_partition_moves_on()
    {
        // Arrange
        using var host = MessagingHost.Build(kafka.BootstrapServers, "broken-test",
            services => services.AddKafkaConsumer<AlwaysFailingHandler>("broken-test.broken", [TestTopics.Broken], maxAttempts: 3));
        await host.StartAsync();
        var recorder = host.Services.GetRequiredService<AttemptRecorder>();

        // Act
        await ProduceAsync(TestTopics.Broken, partition: 0, "doomed-1", "{}"u8.ToArray());
        await ProduceAsync(TestTopics.Broken, partition: 0, "fine-1", "{}"u8.ToArray());

        // Assert
        await Wait.UntilAsync(() => recorder.Successes.ContainsKey("fine-1"), Deadline, "the record behind the failing one was handled");
        recorder.Attempts["doomed-1"].Should().Be(3);
        var deadLetter = TopicReader.ReadAll(kafka.BootstrapServers, Topics.DeadLetter(TestTopics.Broken), Deadline).Should().ContainSingle().Subject;
        deadLetter.Message.Key.Should().Be("doomed-1");
        TopicReader.Header(deadLetter, MessageHeaders.DeadLetterReason).Should().Be("retries-exhausted");
        TopicReader.Header(deadLetter, MessageHeaders.DeadLetterError).Should().Contain("invariant violated");

        await host.StopAsync();
    }

    [Fact]
    public async Task Record_is_retried_past_the_last_attempt_while_the_database_is_away_and_never_dead_lettered()
    {
        // Arrange: fewer attempts than the outage lasts.
        using var host = MessagingHost.Build(kafka.BootstrapServers, "away-test",
            services => services.AddKafkaConsumer<DatabaseAwayHandler>("away-test.away", [TestTopics.DatabaseAway], maxAttempts: 3));
        await host.StartAsync();
        var recorder = host.Services.GetRequiredService<AttemptRecorder>();

        // Act
        await ProduceAsync(TestTopics.DatabaseAway, partition: 0, "during-restart", "{}"u8.ToArray());

        // Assert: a database that is away is waited for; dead-lettering would drop a record that is fine.
        await Wait.UntilAsync(() => recorder.Successes.ContainsKey("during-restart"), Deadline, "the record was handled once the database was back");
        recorder.Attempts["during-restart"].Should().Be(DatabaseAwayHandler.Outage + 1);
        TopicReader.ReadAll(kafka.BootstrapServers, Topics.DeadLetter(TestTopics.DatabaseAway), Deadline).Should().BeEmpty();

        await host.StopAsync();
    }

    [Fact]
    public async Task Handled_records_are_not_delivered_again_to_the_next_process_of_the_same_group()
    {
        // Arrange: a first process handles two records and stops.
        const string group = "restart-test.restart";
        using (var first = MessagingHost.Build(kafka.BootstrapServers, "restart-test",
                   services => services.AddKafkaConsumer<AlwaysFailingHandler>(group, [TestTopics.Restart])))
        {
            await first.StartAsync();
            var firstRecorder = first.Services.GetRequiredService<AttemptRecorder>();
            await ProduceAsync(TestTopics.Restart, partition: 2, "before-1", "{}"u8.ToArray());
            await ProduceAsync(TestTopics.Restart, partition: 2, "before-2", "{}"u8.ToArray());
            await Wait.UntilAsync(() => firstRecorder.Successes.ContainsKey("before-2"), Deadline, "first process handled its records");
            await first.StopAsync();
        }

        // Act: the next process of the group starts and a new record arrives.
        using var second = MessagingHost.Build(kafka.BootstrapServers, "restart-test",
            services => services.AddKafkaConsumer<AlwaysFailingHandler>(group, [TestTopics.Restart]));
        await second.StartAsync();
        var recorder = second.Services.GetRequiredService<AttemptRecorder>();
        await ProduceAsync(TestTopics.Restart, partition: 2, "after-1", "{}"u8.ToArray());

        // Assert
        await Wait.UntilAsync(() => recorder.Successes.ContainsKey("after-1"), Deadline, "second process handled the new record");
        recorder.Attempts.Keys.Should().NotContain(["before-1", "before-2"], "their offsets were committed when the first process stopped");

        await second.StopAsync();
    }

    [Fact]
    public async Task A_process_started_with_ReplayOnStart_consumes_the_group_s_partitions_again_from_the_first_record_once()
    {
        // Arrange: a first process of the group handles three records (two partitions) and stops, offsets committed.
        const string group = "replay-test.replay";
        string[] before = ["before-1", "before-2", "before-3"];
        using (var first = MessagingHost.Build(kafka.BootstrapServers, "replay-test",
                   services => services.AddKafkaConsumer<AlwaysFailingHandler>(group, [TestTopics.Replay])))
        {
            await first.StartAsync();
            var firstRecorder = first.Services.GetRequiredService<AttemptRecorder>();
            await ProduceAsync(TestTopics.Replay, partition: 0, before[0], "{}"u8.ToArray());
            await ProduceAsync(TestTopics.Replay, partition: 0, before[1], "{}"u8.ToArray());
            await ProduceAsync(TestTopics.Replay, partition: 1, before[2], "{}"u8.ToArray());
            await Wait.UntilAsync(() => before.All(firstRecorder.Successes.ContainsKey), Deadline, "first process handled its records");
            await first.StopAsync();
        }

        // Act: the next process replays; a new record follows the replayed ones.
        using (var replaying = MessagingHost.Build(kafka.BootstrapServers, "replay-test",
                   services => services.AddKafkaConsumer<AlwaysFailingHandler>(group, [TestTopics.Replay]),
                   new Dictionary<string, string?> { ["Kafka:ReplayOnStart"] = "true" }))
        {
            await replaying.StartAsync();
            var recorder = replaying.Services.GetRequiredService<AttemptRecorder>();
            await ProduceAsync(TestTopics.Replay, partition: 0, "during-1", "{}"u8.ToArray());

            // Assert: every record of the group's partitions once more, in partition order, and nothing twice.
            await Wait.UntilAsync(() => recorder.Successes.ContainsKey("during-1") && before.All(recorder.Successes.ContainsKey),
                Deadline, "the replaying process handled the old records and the new one");
            recorder.Successes.Should().BeEquivalentTo(before.Append("during-1").ToDictionary(key => key, _ => 1));
            string[] partitionZero = [before[0], before[1], "during-1"];
            recorder.Handled.Where(partitionZero.Contains).Should().Equal(partitionZero, "a partition is replayed in order");
            await replaying.StopAsync();
        }

        // Assert: the replay committed its offsets like any consumption, so a later process without the option starts after them.
        using var next = MessagingHost.Build(kafka.BootstrapServers, "replay-test",
            services => services.AddKafkaConsumer<AlwaysFailingHandler>(group, [TestTopics.Replay]));
        await next.StartAsync();
        var nextRecorder = next.Services.GetRequiredService<AttemptRecorder>();
        await ProduceAsync(TestTopics.Replay, partition: 1, "after-1", "{}"u8.ToArray());
        await Wait.UntilAsync(() => nextRecorder.Successes.ContainsKey("after-1"), Deadline, "the next process handled the new record");
        nextRecorder.Attempts.Keys.Should().BeEquivalentTo(["after-1"], "the replay's offsets were committed");
        await next.StopAsync();
    }

    private async Task ProduceAsync(string topic, int? partition, string key, byte[] value)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers }).Build();
        var message = new Message<string, byte[]> { Key = key, Value = value, Headers = [] };
        message.Headers.Add(MessageHeaders.MessageId, Encoding.UTF8.GetBytes(Guid.CreateVersion7().ToString()));
        if (partition is { } p)
        {
            await producer.ProduceAsync(new TopicPartition(topic, new Partition(p)), message);
        }
        else
        {
            await producer.ProduceAsync(topic, message);
        }
    }
}
