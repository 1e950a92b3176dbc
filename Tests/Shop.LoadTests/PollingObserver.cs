using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Shop.Scenarios.Client;

namespace Shop.LoadTests;

/// <summary>
/// Polls <c>GET /api/orders/{id}</c>. The poll is adaptive: the next one comes after max(floor, 10% of the time elapsed
/// so far), so a latency is measured to within 10% (or the floor) while a slow order costs a few dozen polls, not
/// thousands.
/// </summary>
public sealed class PollingObserver(TimeSpan floor, LoadCounters counters) : IOrderObserver
{
    private const double PollFraction = 0.10;

    public string Description =>
        $"POST /api/orders sent → terminal status seen by polling GET /api/orders/{{id}} (same orders instance), the next poll " +
        $"after max({floor.TotalMilliseconds:0} ms, 10% of the time elapsed since the POST), so a latency is over-stated by at most " +
        "that much; 'server' figures are the order's updatedAt − createdAt, free of polling";

    public async Task<ObservedOrder?> WaitForTerminalAsync(
        HttpClient client, Guid orderId, long submitted, long deadline, CancellationToken cancellationToken)
    {
        var polls = 0;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var elapsed = Stopwatch.GetElapsedTime(submitted);
            await Task.Delay(TimeSpan.FromTicks(Math.Max(floor.Ticks, (long)(elapsed.Ticks * PollFraction))), cancellationToken);
            polls++;
            counters.Polled();
            using var response = await client.GetAsync($"/api/orders/{orderId}", cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                counters.NoteError($"GET {(int)response.StatusCode}", await response.Content.ReadAsStringAsync(cancellationToken));
                continue;
            }

            var order = (await response.Content.ReadFromJsonAsync<OrderStatusView>(ShopClient.Json, cancellationToken))!;
            if (order.IsTerminal)
            {
                return new ObservedOrder(order, Stopwatch.GetTimestamp(), polls);
            }
        }

        return null;
    }
}
