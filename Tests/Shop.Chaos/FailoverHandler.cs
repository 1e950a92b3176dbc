using System.Net;

namespace Shop.Chaos;

/// <summary>
/// Sends each request to one of a service's instances, turn by turn, and while the chaos has the service or its
/// database away (connection refused, 5xx, 429) tries again on the next instance until <paramref name="patience"/>
/// runs out. Retrying is safe for every call the chaos loop makes: reads, seed PUTs, cancels, and order POSTs,
/// which carry the same <c>Idempotency-Key</c> on every attempt (the same order, never a second one).
/// </summary>
internal sealed class FailoverHandler(IReadOnlyList<Uri> instances, TimeSpan patience) : DelegatingHandler(new SocketsHttpHandler
{
    // A killed instance's pooled connections are dead; short-lived ones keep the pool from handing them out.
    PooledConnectionLifetime = TimeSpan.FromSeconds(10),
    ConnectTimeout = TimeSpan.FromSeconds(5),
})
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(15);
    private int _next;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var pathAndQuery = request.RequestUri!.PathAndQuery;
        var deadline = DateTimeOffset.UtcNow + patience;
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            var instance = instances[(int)((uint)Interlocked.Increment(ref _next) % instances.Count)];
            request.RequestUri = new Uri(instance, pathAndQuery);
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(AttemptTimeout);
            HttpResponseMessage? response = null;
            string failure;
            try
            {
                response = await base.SendAsync(request, attempt.Token);
                if (!IsTransient(response.StatusCode))
                {
                    return response;
                }

                failure = $"{(int)response.StatusCode}";
            }
            catch (Exception ex) when (ex is HttpRequestException
                || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                failure = ex.Message;
            }

            if (DateTimeOffset.UtcNow + delay >= deadline)
            {
                return response ?? throw new HttpRequestException(
                    $"{request.Method} {pathAndQuery}: no instance answered within {patience.TotalSeconds:0} s (last: {failure})");
            }

            response?.Dispose();
            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 2_000));
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError;
}
