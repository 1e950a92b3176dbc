using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Shop.AppHost.Testing;
using Shop.AppHost.Tests.Fixtures;
using Shop.Testing;
using Xunit.Abstractions;

namespace Shop.AppHost.Tests.Recovery;

/// <summary>
/// PostgreSQL restarted in place under a stream of order POSTs: while it is away every POST is refused with 503 and
/// Retry-After (never a 500), and once it accepts connections again the orders service places orders at once; the
/// pool's dead connections do not hold it up. The time from PostgreSQL back to the first order placed is written to
/// the test output (a figure for the log, not something asserted).
/// </summary>
[Collection(RecoveryShopCollection.Name)]
public sealed class PostgresRestartTests(AspireShopFixture fixture, ITestOutputHelper output)
{
    private const int Clients = 4;
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(PostgresShutdownMode.Immediate)]
    [InlineData(PostgresShutdownMode.Fast)]
    public async Task While_postgres_restarts_posts_are_refused_with_503_and_orders_are_placed_again_once_it_is_back(PostgresShutdownMode mode)
    {
        // Arrange
        await fixture.WaitForHealthyAsync();
        using var inventory = fixture.App.CreateHttpClient("inventory");
        using var orders = fixture.App.CreateHttpClient("orders");
        var sku = $"restart-{Guid.NewGuid():N}";
        (await inventory.PutAsJsonAsync($"/api/products/{sku}", new { name = "Restart", unitPrice = 1.00m, onHand = 1_000_000 }))
            .EnsureSuccessStatusCode();
        await Wait.UntilAsync(async () => (await PostAsync(orders, sku)).Status == HttpStatusCode.Accepted, Recovery, "a first order placed");

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
        await Wait.UntilAsync(() => answers.Any(a => a.Status == HttpStatusCode.Accepted), Recovery, "orders placed before the restart");
        var restarting = Stopwatch.GetTimestamp();
        await fixture.Shop.RestartPostgresAsync(mode);
        var back = Stopwatch.GetTimestamp();
        var placedAgain = await Wait.ForAsync(
            () => answers.Where(a => a.Sent >= back && a.Status == HttpStatusCode.Accepted).Select(a => (long?)a.Answered).Min(),
            Recovery,
            "an order POSTed after PostgreSQL was back to be accepted");
        await stop.CancelAsync();
        await Task.WhenAll(clients);
        // The other services lost their connections too; the next test finds every one of them healthy.
        await fixture.WaitForHealthyAsync();

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
