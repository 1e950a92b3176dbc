using Npgsql;
using Shop.AppHost.Testing;
using Shop.Chaos;
using Shop.Messaging.Kafka;
using Shop.Scenarios;
using Shop.Scenarios.Client;
using Shop.Testing;
using Xunit.Abstractions;

namespace Shop.AppHost.Tests.Chaos;

/// <summary>
/// Issue 4 item 2: records consumed again from the beginning change no state. For each service in turn,
/// orchestrator included: stop it, start it with <c>Kafka:ReplayOnStart</c> (its consumers start every partition at
/// the first record instead of the committed offset), wait until every record its inbox had handled came through the
/// inbox again and was skipped, and compare every business table with the snapshot taken before. Its own AppHost:
/// it stops services (the resources' Stop and Start commands).
/// </summary>
public sealed class ReplayTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(60);

    // Kafka group id → the topics it consumes and the database (and schema) of its inbox.
    private static readonly Dictionary<string, (string[] Topics, string Database, string Schema)> Groups = new()
    {
        ["orders"] = ([Topics.OrdersCommands], "ordersdb", "orders"),
        ["inventory"] = ([Topics.InventoryCommands], "inventorydb", "inventory"),
        ["payments"] = ([Topics.PaymentsCommands], "paymentsdb", "payments"),
        ["orchestrator"] = ([Topics.OrdersEvents, Topics.InventoryEvents, Topics.PaymentsEvents], "orchestratordb", "orchestrator"),
    };

    // The inbox logs each record it skips as already handled at Debug; counted in the service's console log, these lines
    // say the replay went through the inbox record by record, not merely that the offsets moved.
    private const string SkippedLine = ": already handled";

    [Fact]
    public async Task Consuming_every_service_s_topics_again_from_the_beginning_changes_nothing()
    {
        // Arrange: orders with every kind of outcome, all finished. Replaying at a service's first start is a no-op
        // (its topics are empty then), so the option is on from the start and takes effect at each restart below.
        var replaying = new Dictionary<string, string>
        {
            ["Kafka__ReplayOnStart"] = "true",
            ["Logging__LogLevel__Shop.Messaging.Inbox"] = "Debug",
        };
        await using var shop = await ShopAppHost.StartAsync(new ShopAppHostOptions
        {
            ServiceEnvironment = Groups.Keys.ToDictionary(group => group, IReadOnlyDictionary<string, string> (_) => replaying),
        });
        var system = new AppHostShopSystem(shop, Recovery, TimeSpan.FromSeconds(30));
        await SystemWarmUp.RunAsync(system, TimeSpan.FromSeconds(90));
        using var client = new ShopClient(system);
        var ledger = await PlaceFinishedOrdersAsync(client);

        foreach (var (group, (topics, database, schema)) in Groups)
        {
            using var offsets = new ConsumerGroupOffsets(shop.KafkaBootstrapServers, group, topics, shop.Options.KafkaPartitions);
            await Wait.UntilAsync(offsets.CaughtUp, Recovery, $"{group} has consumed everything before the replay");
            var records = offsets.HighWatermarks();
            var handled = await InboxRowsAsync(shop, database, schema, group);
            handled.Should().BeGreaterThan(0, $"{group} has handled records to replay");
            var before = await DatabaseSnapshot.TakeAsync(shop);
            await using var skipped = new LogLineCounter(shop.App, shop.Instances(group).Single().ResourceId, SkippedLine);

            // Act
            await shop.StopServiceAsync(group);
            await shop.StartServiceAsync(group);
            try
            {
                await Wait.UntilAsync(() => skipped.Count >= handled, Recovery,
                    $"{group}'s inbox has skipped each of the {handled} records it had handled");
                await Wait.UntilAsync(offsets.CaughtUp, Recovery, $"{group} has committed the end of its {records.Values.Sum()} records again");
            }
            catch (TimeoutException ex)
            {
                throw new TimeoutException($"{ex.Message}; skipped {skipped.Count} of {handled}; committed/high: {offsets.Describe()}", ex);
            }

            // Assert: every record went through the inbox again and was skipped; nothing changed, nothing new was sent.
            skipped.Count.Should().Be(handled, $"each record {group} had handled is skipped exactly once");
            (await InboxRowsAsync(shop, database, schema, group)).Should().Be(handled, $"replaying {group} handled nothing anew");
            var after = await DatabaseSnapshot.TakeAsync(shop);
            after.Should().Equal(before, $"replaying {group}'s {records.Values.Sum()} records must change no state");
            offsets.HighWatermarks().Should().Equal(records, $"replaying {group}'s records must send nothing");
            output.WriteLine($"{group}: {records.Values.Sum()} records consumed again, {handled} skipped by the inbox, {after.Count} tables unchanged");
        }

        await Invariants.AssertHoldAsync(client, ledger, TimeSpan.FromSeconds(30));
    }

    private static async Task<long> InboxRowsAsync(ShopAppHost shop, string database, string schema, string group)
    {
        await using var connection = new NpgsqlConnection(shop.ConnectionStrings[database]);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand($"""SELECT count(*) FROM "{schema}".inbox WHERE consumer_group = @group""", connection);
        count.Parameters.AddWithValue("group", group);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static async Task<ScenarioLedger> PlaceFinishedOrdersAsync(ShopClient client)
    {
        var ledger = new ScenarioLedger();
        var (plenty, scarce) = (ledger.Sku("plenty"), ledger.Sku("scarce"));
        var (ada, broke) = (ledger.Customer("ada"), ledger.Customer("broke"));
        await ledger.SeedProductAsync(client, plenty, unitPrice: 3m, onHand: 100);
        await ledger.SeedProductAsync(client, scarce, unitPrice: 5m, onHand: 2);
        await ledger.SeedAccountAsync(client, ada, balance: 1_000m);
        await ledger.SeedAccountAsync(client, broke, balance: 1m);

        // One after another: the second and third compete for the scarce units, and the outcome must not be a race.
        (string Customer, (string, int)[] Items, string Status)[] orders =
        [
            (ada, [(plenty, 2)], "Completed"),
            (ada, [(plenty, 1), (scarce, 2)], "Completed"),
            (ada, [(scarce, 1)], "Cancelled"),
            (broke, [(plenty, 1)], "Cancelled"),
        ];
        foreach (var (customer, items, status) in orders)
        {
            var accepted = await ledger.PlaceOrderAsync(client, customer, items);
            (await client.WaitForTerminalAsync(accepted.OrderId, Recovery)).Status.Should().Be(status);
        }

        await Invariants.AssertHoldAsync(client, ledger, TimeSpan.FromSeconds(30));
        return ledger;
    }
}
