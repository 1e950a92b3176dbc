using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Shop.EndToEnd.Tests.Support;
using Shop.LocalHost;
using Shop.LocalHost.Infrastructure;
using Shop.Testing;
using Xunit.Abstractions;

namespace Shop.EndToEnd.Tests.LocalHost;

/// <summary>
/// PostgreSQL restarted under a stream of order POSTs (issue #5): while it is away every POST is refused with 503 and
/// Retry-After (never a 500), and once it accepts connections again the orders service places orders at once; the
/// pool's dead connections do not hold it up. The time from PostgreSQL back to the first order placed is written to
/// the test output (it is a figure for the log, not something asserted). Orders and inventory only: placing an order
/// needs nothing else.
/// </summary>
public sealed class PostgresRestartTests(ITestOutputHelper output)
{
    private const int Clients = 4;

    [Theory]
    [InlineData(PostgresShutdownMode.Immediate)]
    [InlineData(PostgresShutdownMode.Fast)]
    public async Task While_postgres_restarts_posts_are_refused_with_503_and_orders_are_placed_again_once_it_is_back(PostgresShutdownMode mode)
    {
        // Arrange
        var folder = TestRunDirectory.For($"postgres-restart-{mode}".ToLowerInvariant());
        await using var topology = await LocalTopology.StartAsync(new LocalTopologyOptions
        {
            Services = ["orders", "inventory"],
            StateFilePath = null,
            LogDirectory = Path.Combine(folder, "logs"),
            EnvironmentName = "Production",
        });
        await topology.WaitForHealthyAsync(TestTimeouts.Startup);
        using var inventory = new HttpClient { BaseAddress = topology.ServiceUrl("inventory"), Timeout = TestTimeouts.Http };
        using var orders = new HttpClient { BaseAddress = topology.ServiceUrl("orders"), Timeout = TestTimeouts.Http };
        var sku = $"restart-{Guid.NewGuid():N}";
        (await inventory.PutAsJsonAsync($"/api/products/{sku}", new { name = "Restart", unitPrice = 1.00m, onHand = 1_000_000 }))
            .EnsureSuccessStatusCode();
        await Wait.UntilAsync(async () => (await PostAsync(orders, sku)).Status == HttpStatusCode.Accepted, TestTimeouts.Recovery, "a first order placed");

        var answers = new ConcurrentQueue<Answer>();
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                answers.Enqueue(await PostAsync(orders, sku));
            }
        })).ToList();

        // Act
        await Wait.UntilAsync(() => answers.Any(a => a.Status == HttpStatusCode.Accepted), TestTimeouts.Recovery, "orders placed before the restart");
        var restarting = Stopwatch.GetTimestamp();
        await topology.Postgres.RestartAsync(mode, TestTimeouts.Recovery);
        var back = Stopwatch.GetTimestamp();
        var placedAgain = await Wait.ForAsync(
            () => answers.Where(a => a.Sent >= back && a.Status == HttpStatusCode.Accepted).Select(a => (long?)a.Answered).Min(),
            TestTimeouts.Recovery,
            "an order POSTed after PostgreSQL was back to be accepted");
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        // Assert
        var during = answers.Where(a => a.Answered >= restarting).ToList();
        var lastCaughtOut = during.Where(a => a.Sent < back).Select(a => a.Answered).DefaultIfEmpty(back).Max();
        var seconds = (long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
        output.WriteLine(
            $"{mode}: PostgreSQL back {seconds(restarting, back)} s after the restart began; first order placed " +
            $"{seconds(back, placedAgain)} s after that; the last POST sent before it was back answered " +
            $"{seconds(back, Math.Max(back, lastCaughtOut))} s after; slowest POST {during.Max(a => Stopwatch.GetElapsedTime(a.Sent, a.Answered)).TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s; " +
            $"answers since the restart: {string.Join(", ", during.GroupBy(a => (int)a.Status).OrderBy(g => g.Key).Select(g => $"{g.Key} × {g.Count()}"))}");
        during.Where(a => a.Status != HttpStatusCode.Accepted).Should().OnlyContain(
            a => a.Status == HttpStatusCode.ServiceUnavailable && a.HasRetryAfter,
            "while the database is away the POST is refused as unavailable, to be retried");
    }

    private static async Task<Answer> PostAsync(HttpClient orders, string sku)
    {
        var sent = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            // A customer per order: the per-customer rate limit stays out of the way.
            Content = JsonContent.Create(new { customerId = $"restart-{Guid.NewGuid():N}", items = new[] { new { sku, quantity = 1 } } }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var response = await orders.SendAsync(request);
        return new Answer(sent, Stopwatch.GetTimestamp(), response.StatusCode, response.Headers.RetryAfter is not null);
    }

    private sealed record Answer(long Sent, long Answered, HttpStatusCode Status, bool HasRetryAfter);
}
