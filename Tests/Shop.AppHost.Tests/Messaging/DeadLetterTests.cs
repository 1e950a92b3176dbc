using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Shop.DeadLetters;
using Shop.AppHost.Tests.Fixtures;
using Shop.AppHost.Tests.Support;
using Shop.Messaging.DeadLetters;
using Shop.Messaging.Envelope;
using Shop.Messaging.Kafka;
using Shop.Scenarios;
using Shop.Scenarios.Client;
using Shop.Testing;

namespace Shop.AppHost.Tests.Messaging;

/// <summary>
/// Poison (issue 4, item 3) on the running shop: records no service can ever handle, produced straight into the
/// topics the services consume, end in <c>&lt;topic&gt;.dlq</c> with the reason and everything they arrived with,
/// and the services go on consuming. Then the operator's way back: <c>shop-dlq</c> lists the record, and a replay
/// with a corrected body is handled exactly once however often it is replayed.
/// </summary>
[Collection(AspireShopCollection.Name)]
public sealed class DeadLetterTests(AspireShopFixture fixture) : IDisposable
{
    private const string ChargePaymentType = "payments.charge-payment.v1";
    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(60);

    private readonly ShopClient _client = new(new AspireShopSystem(fixture));
    private readonly ScenarioLedger _ledger = new();

    private string Bootstrap => fixture.Shop.KafkaBootstrapServers;

    public static TheoryData<string, string, string, string> Poisons => new()
    {
        // topic (consumer), message-type, body, expected dlq-reason
        { Topics.PaymentsCommands, ChargePaymentType, "{ \"orderId\": ", "malformed-json" },
        { Topics.InventoryCommands, "inventory.reserve-everything.v9", "{}", "unknown-type" },
        { Topics.OrdersEvents, "orders.order-submitted.v1", "[ not an event", "malformed-json" },
        { Topics.PaymentsCommands, ChargePaymentType, $$"""{"orderId":"{{Guid.CreateVersion7()}}","customerId":"","amount":-5}""", "validation-failed" },
    };

    [Theory]
    [MemberData(nameof(Poisons))]
    public async Task A_poison_record_goes_to_its_dlq_with_the_reason_and_what_it_came_with_and_consumption_goes_on(
        string topic, string messageType, string body, string reason)
    {
        // Arrange
        await fixture.WaitForHealthyAsync();
        var messageId = Guid.CreateVersion7().ToString();
        var key = Guid.CreateVersion7().ToString();

        // Act
        await ProduceAsync(topic, key, Encoding.UTF8.GetBytes(body), messageId, messageType, ("x-poison-test", "kept as it was"));

        // Assert: in the DLQ, explained, unchanged
        var deadLetter = await WaitForDeadLetterAsync(topic, messageId);
        deadLetter.Reason.Should().Be(reason);
        deadLetter.Error.Should().NotBeNullOrWhiteSpace();
        deadLetter.SourceTopic.Should().Be(topic);
        deadLetter.Key.Should().Be(key);
        Encoding.UTF8.GetString(deadLetter.Value).Should().Be(body);
        deadLetter.MessageType.Should().Be(messageType);
        deadLetter.Header("x-poison-test").Should().Be("kept as it was");

        // ... and the shop goes on: an order placed afterwards completes, everything adds up
        var sku = _ledger.Sku();
        var customer = _ledger.Customer();
        await _ledger.SeedProductAsync(_client, sku, unitPrice: 2m, onHand: 5);
        await _ledger.SeedAccountAsync(_client, customer, balance: 10m);
        var order = await _ledger.PlaceOrderAsync(_client, customer, (sku, 1));
        (await _client.WaitForTerminalAsync(order.OrderId, Shop.Scenarios.ScenarioTimeouts.Saga)).Status.Should().Be("Completed");
        await Invariants.AssertHoldAsync(_client, _ledger, Shop.Scenarios.ScenarioTimeouts.Quiet);
    }

    [Fact]
    public async Task A_dead_letter_replayed_with_a_corrected_body_is_handled_once_and_replaying_it_again_changes_nothing()
    {
        // Arrange: a charge that fails validation (negative amount) lands in payments.commands.dlq
        await fixture.WaitForHealthyAsync();
        var customer = _ledger.Customer();
        await _ledger.SeedAccountAsync(_client, customer, balance: 50m);
        var orderId = Guid.CreateVersion7();
        var messageId = Guid.CreateVersion7().ToString();
        await ProduceAsync(Topics.PaymentsCommands, orderId.ToString(), Charge(orderId, customer, -5m), messageId, ChargePaymentType);
        var deadLetter = await WaitForDeadLetterAsync(Topics.PaymentsCommands, messageId);
        deadLetter.Reason.Should().Be("validation-failed");
        var coordinate = deadLetter.Coordinate.ToString();

        // Act + Assert: the tool lists and shows it
        var (listed, listOutput) = await RunToolAsync("list", Topics.PaymentsCommands, "--state-file", fixture.StateFilePath);
        listed.Should().Be(0);
        listOutput.Should().Contain(coordinate).And.Contain("validation-failed");
        var (shown, showOutput) = await RunToolAsync("show", coordinate, "--bootstrap", Bootstrap);
        shown.Should().Be(0);
        showOutput.Should().Contain(messageId).And.Contain("\"amount\": -5");

        // Act: replay with the corrected body
        var valueFile = Path.Combine(fixture.RunDirectory("dlq"), $"{messageId}.json");
        await File.WriteAllBytesAsync(valueFile, Charge(orderId, customer, 7m));
        var (replayed, replayOutput) = await RunToolAsync("replay", coordinate, "--value-file", valueFile, "--bootstrap", Bootstrap);

        // Assert: handled, exactly once
        replayed.Should().Be(0, replayOutput);
        var payment = await Wait.ForAsync(
            async () => (await _client.GetPaymentsAsync(orderId)).SingleOrDefault(),
            Delivery, $"the replayed charge of {orderId} is handled");
        (payment.Status, payment.Amount).Should().Be(("Charged", 7m));
        (await _client.GetAccountAsync(customer)).Balance.Should().Be(43m);

        // Act: replay it again, then a marker charge behind it on the same partition (same key)
        (await RunToolAsync("replay", coordinate, "--value-file", valueFile, "--bootstrap", Bootstrap)).ExitCode.Should().Be(0);
        var markerOrder = Guid.CreateVersion7();
        await ProduceAsync(Topics.PaymentsCommands, orderId.ToString(), Charge(markerOrder, customer, 1m), Guid.CreateVersion7().ToString(), ChargePaymentType);
        await Wait.ForAsync(
            async () => (await _client.GetPaymentsAsync(markerOrder)).SingleOrDefault(),
            Delivery, "the marker charge behind the second replay is handled");

        // Assert: the second replay was a duplicate to the inbox: still one payment of 7, only the marker's 1 more taken
        (await _client.GetPaymentsAsync(orderId)).Should().ContainSingle().Which.Amount.Should().Be(7m);
        (await _client.GetAccountAsync(customer)).Balance.Should().Be(42m);
    }

    private static byte[] Charge(Guid orderId, string customerId, decimal amount) =>
        JsonSerializer.SerializeToUtf8Bytes(new { orderId, customerId, amount }, JsonSerializerOptions.Web);

    private async Task ProduceAsync(string topic, string key, byte[] value, string messageId, string messageType, params (string Name, string Value)[] extra)
    {
        var headers = new Headers
        {
            { MessageHeaders.MessageId, Encoding.UTF8.GetBytes(messageId) },
            { MessageHeaders.MessageType, Encoding.UTF8.GetBytes(messageType) },
            { MessageHeaders.CorrelationId, Encoding.UTF8.GetBytes(key) },
        };
        foreach (var (name, text) in extra)
        {
            headers.Add(name, Encoding.UTF8.GetBytes(text));
        }

        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = Bootstrap, EnableIdempotence = true }).Build();
        await producer.ProduceAsync(topic, new Message<string, byte[]> { Key = key, Value = value, Headers = headers });
    }

    private Task<DeadLetterRecord> WaitForDeadLetterAsync(string topic, string messageId)
    {
        var reader = new DeadLetterReader(Bootstrap, TimeSpan.FromSeconds(10));
        return Wait.ForAsync(
            () => reader.ReadAll(Topics.DeadLetter(topic)).SingleOrDefault(r => r.MessageId == messageId),
            Delivery, $"record {messageId} reaches {Topics.DeadLetter(topic)}");
    }

    private static async Task<(int ExitCode, string Output)> RunToolAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await DeadLetterCommand.RunAsync(args, output, error);
        return (exitCode, output + error.ToString());
    }

    public void Dispose() => _client.Dispose();
}
