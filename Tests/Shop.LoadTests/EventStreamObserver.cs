using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Shop.Scenarios.Client;

namespace Shop.LoadTests;

/// <summary>
/// Follows <c>GET /api/orders/{id}/events</c> (Server-Sent Events): the orders service pushes the order each time it
/// changes, woken by PostgreSQL's NOTIFY, so the terminal status is seen as soon as it is committed, with no polling
/// granularity and no requests while nothing changes. A stream that ends early (a restart) is reopened with
/// <c>Last-Event-ID</c>, as a browser's EventSource would.
/// </summary>
public sealed class EventStreamObserver(LoadCounters counters) : IOrderObserver
{
    private const string DataPrefix = "data: ";
    private const string IdPrefix = "id: ";

    public string Description =>
        "POST /api/orders sent → terminal status received on GET /api/orders/{id}/events (Server-Sent Events, opened right " +
        "after the POST on the same orders instance; the service pushes each change once committed); 'server' figures are the " +
        "order's updatedAt − createdAt";

    public async Task<ObservedOrder?> WaitForTerminalAsync(
        HttpClient client, Guid orderId, long submitted, long deadline, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline));
        var streams = 0;
        string? lastEventId = null;
        try
        {
            while (true)
            {
                streams++;
                counters.Polled();
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/orders/{orderId}/events");
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
                if (lastEventId is not null)
                {
                    request.Headers.Add("Last-Event-ID", lastEventId);
                }

                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    counters.NoteError($"GET events {(int)response.StatusCode}", await response.Content.ReadAsStringAsync(timeout.Token));
                    await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
                    continue;
                }

                await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
                using var reader = new StreamReader(body);
                while (await reader.ReadLineAsync(timeout.Token) is { } line)
                {
                    if (line.StartsWith(IdPrefix, StringComparison.Ordinal))
                    {
                        lastEventId = line[IdPrefix.Length..];
                    }
                    else if (line.StartsWith(DataPrefix, StringComparison.Ordinal))
                    {
                        var order = JsonSerializer.Deserialize<OrderStatusView>(line.AsSpan(DataPrefix.Length), ShopClient.Json)!;
                        if (order.IsTerminal)
                        {
                            return new ObservedOrder(order, Stopwatch.GetTimestamp(), streams);
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
