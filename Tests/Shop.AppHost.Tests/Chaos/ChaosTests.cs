using Shop.AppHost.Testing;
using Shop.Chaos;
using Shop.Scenarios;
using Xunit.Abstractions;

namespace Shop.AppHost.Tests.Chaos;

/// <summary>
/// Several hundred orders while every service is killed (kill -9 of a replica's process, started again through the
/// resource's Start command), PostgreSQL restarted in place and the broker made to fail through its admin endpoint,
/// with two replicas of every service; then every order is terminal and nothing was lost or done twice. Its own
/// AppHost (it kills things). Bounded: the traffic stops after <see cref="TrafficTime"/> and the system has
/// <see cref="QuietTimeout"/> to settle. A failure prints its seed: <c>SHOP_CHAOS_SEED=N</c> replays it.
/// </summary>
public sealed class ChaosTests(ITestOutputHelper output)
{
    private static readonly TimeSpan TrafficTime = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan QuietTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan HttpPatience = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(90);

    // Longer than the services' Kafka socket timeout (10 s with the local broker), after which an unanswered request is resent.
    private static readonly TimeSpan SagaSettleTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task With_two_replicas_of_every_service_kills_a_database_restart_and_broker_faults_lose_nothing_and_do_nothing_twice()
    {
        // Arrange
        var seed = ChaosShop.SeedFromEnvironment();
        Log($"chaos seed: {seed} (SHOP_CHAOS_SEED={seed} replays it)");
        await using var shop = await ShopAppHost.StartAsync(ChaosShop.Options(replicas: 2));
        var system = new AppHostShopSystem(shop, HttpPatience, ChaosShop.StepDeadline);
        await SystemWarmUp.RunAsync(system, WarmUp);

        // Act
        var report = await new ChaosLoop(shop, new ChaosOptions
        {
            Seed = seed,
            MaxOrders = 240,
            OrdersPerSecond = 8,
            Duration = TrafficTime,
            MinFaultGap = TimeSpan.FromSeconds(1.5),
            MaxFaultGap = TimeSpan.FromSeconds(3.5),
            QuietTimeout = QuietTimeout,
            HttpPatience = HttpPatience,
        }, Log).RunAsync(ChaosShop.StepDeadline);
        foreach (var line in report.Lines())
        {
            Log(line);
        }

        // Assert: the invariants, plausible outcomes, every kind of fault really happened, and effects happened once.
        report.SubmissionErrors.Should().BeEmpty("every order POST must succeed within the client's patience");
        report.Violations.Should().BeEmpty($"seed {seed}");
        // A floor that says the run exercised something, not a rate: POSTs stall while PostgreSQL restarts (seen: 105 of
        // the offered 240 in a CI run where the restart and its reconnects took 15 s of the 30 s of traffic).
        report.OrdersPlaced.Should().BeGreaterThanOrEqualTo(60, "orders keep being accepted around the faults");
        report.Faults.Should().OnlyContain(fault => fault.Value > 0, "every kind of fault is injected at least once");
        // Which outcomes a run has depends on the moments of the faults (an outage times out every order in flight);
        // the invariants and the plausibility checks above hold for each of them. Some orders must get through.
        report.Outcomes.GetValueOrDefault("Completed").Should().BeGreaterThan(0);

        using var client = new Shop.Scenarios.Client.ShopClient(system);
        var statuses = new Dictionary<Guid, string>();
        foreach (var order in report.Orders)
        {
            statuses[order.OrderId] = (await client.GetOrderAsync(order.OrderId))!.Status;
        }

        await EffectsOnceCheck.WaitForSagasToSettleAsync(shop, statuses, SagaSettleTimeout);
        (await EffectsOnceCheck.FindViolationsAsync(shop, statuses)).Should().BeEmpty($"seed {seed}");
    }

    private void Log(string line)
    {
        try
        {
            output.WriteLine($"[{DateTimeOffset.UtcNow:HH:mm:ss.f}] {line}");
        }
        catch (InvalidOperationException)
        {
            // A restart's note can outlive the test (a replica coming back during dispose): nobody to tell any more.
        }
    }
}
