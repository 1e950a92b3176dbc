using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Shop.Scenarios.Client;

namespace Shop.LoadTests;

/// <summary>
/// Places one order and follows it to its terminal status with the chosen <see cref="IOrderObserver"/>. Requests go
/// round-robin to the orders instances, as a load balancer would spread them; the status is asked of the instance
/// that took the order.
/// </summary>
public sealed class OrderDriver(IReadOnlyList<HttpClient> orders, Workload workload, IOrderObserver observer, TimeSpan timeout, LoadCounters counters)
{
    private int _next;

    public async Task<OrderSample> RunAsync(Random random, CancellationToken cancellationToken)
    {
        var (kind, customer, sku) = workload.Next(random);
        var client = orders[(int)((uint)Interlocked.Increment(ref _next) % (uint)orders.Count)];
        var body = $$"""{"customerId":"{{customer}}","items":[{"sku":"{{sku}}","quantity":1}]}""";
        var submitted = Stopwatch.GetTimestamp();
        counters.Started();
        try
        {
            Guid orderId;
            using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders"))
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
                using var response = await client.SendAsync(request, cancellationToken);
                if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests)
                {
                    // Shed by the service (admission control, a rate limit, a dependency away): an answer it gives on
                    // purpose, with nothing stored, so not an error; reported as its own kind.
                    // By the problem's title: admission's two bounds and an unreachable inventory are told apart.
                    var answer = await response.Content.ReadAsStringAsync(cancellationToken);
                    counters.NoteRejection($"POST {(int)response.StatusCode} {ProblemTitle(answer)}".TrimEnd(), answer);
                    return Failed(kind, $"rejected/{(int)response.StatusCode}", submitted, 0);
                }

                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    counters.NoteError($"POST {(int)response.StatusCode}", await response.Content.ReadAsStringAsync(cancellationToken));
                    return Failed(kind, $"error/{(int)response.StatusCode}", submitted, 0);
                }

                orderId = (await response.Content.ReadFromJsonAsync<OrderAcceptedDto>(ShopClient.Json, cancellationToken))!.OrderId;
            }

            workload.Record(orderId);
            var observed = await observer.WaitForTerminalAsync(client, orderId, submitted, submitted + (long)(timeout.TotalSeconds * Stopwatch.Frequency), cancellationToken);
            if (observed is null)
            {
                return Failed(kind, "timeout", submitted, 0);
            }

            var order = observed.Order;
            var outcome = order.Status == "Completed" ? "Completed" : $"Cancelled/{order.Reason}";
            return new OrderSample(kind, outcome, submitted, observed.SeenAt, Stopwatch.GetElapsedTime(submitted, observed.SeenAt).TotalMilliseconds,
                (order.UpdatedAt - order.CreatedAt).TotalMilliseconds, observed.Requests) { Steps = order.StepDurations() };
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException
            || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            counters.NoteError(ex.GetType().Name, ex.Message);
            return Failed(kind, $"error/{ex.GetType().Name}", submitted, 0);
        }
        finally
        {
            counters.Ended();
        }
    }

    private static string ProblemTitle(string body)
    {
        try
        {
            using var problem = JsonDocument.Parse(body);
            return problem.RootElement.TryGetProperty("title", out var title) ? title.GetString() ?? "" : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    private static OrderSample Failed(OrderKind kind, string outcome, long submitted, int polls) =>
        new(kind, outcome, submitted, Stopwatch.GetTimestamp(), null, null, polls);
}
