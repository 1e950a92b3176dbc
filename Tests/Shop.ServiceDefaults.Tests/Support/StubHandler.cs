using System.Collections.Concurrent;
using System.Net;

namespace Shop.ServiceDefaults.Tests.Support;

// Stands in for the network: answers each attempt with what the test scripts and records what it was sent.
internal sealed class StubHandler(Func<HttpRequestMessage, int, CancellationToken, Task<HttpResponseMessage>> respond)
    : HttpMessageHandler
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public ConcurrentQueue<Uri?> RequestUris { get; } = new();

    public static StubHandler Returning(params HttpStatusCode[] statusCodes) =>
        new((request, attempt, _) => Task.FromResult(
            new HttpResponseMessage(statusCodes[Math.Min(attempt, statusCodes.Length) - 1]) { RequestMessage = request }));

    public static StubHandler Hanging() =>
        new(async (_, _, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        });

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref _calls);
        RequestUris.Enqueue(request.RequestUri);
        return respond(request, attempt, cancellationToken);
    }
}
