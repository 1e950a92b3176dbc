using System.Net;
using Polly;
using Polly.Timeout;

namespace Shop.ServiceDefaults.Resilience;

// The same notion of "transient" as Microsoft.Extensions.Http.Resilience, so both retry and breaker agree.
public static class HttpClientResiliencePredicates
{
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Result: { } response } => IsTransientHttpStatusCode(response.StatusCode),
        { Exception: { } exception } => IsTransientHttpException(exception),
        _ => false,
    };

    public static bool IsTransientHttpStatusCode(HttpStatusCode statusCode) =>
        (int)statusCode >= 500
        || statusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    // A connect timeout inside SocketsHttpHandler surfaces as a cancellation wrapping a TimeoutException;
    // a cancellation by the caller has no such inner exception and is never retried.
    public static bool IsTransientHttpException(Exception exception) =>
        exception is HttpRequestException or TimeoutRejectedException
        || exception is OperationCanceledException { InnerException: TimeoutException };
}
