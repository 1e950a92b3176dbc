using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Shop.Orders.Admission;

/// <summary>The 503 problem+json with <c>Retry-After</c> that admission control answers a refused placement with.</summary>
public static class PlacementRefusal
{
    public static ProblemHttpResult Problem(HttpContext http, TimeSpan retryAfter, string title, string why)
    {
        var retryAfterSeconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        // "Not processed" rather than "nothing stored": the request may be the retry of an order that was stored.
        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: title,
            detail: $"{why}; the request was not processed. Retry after {retryAfterSeconds} s with the same Idempotency-Key.",
            extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = retryAfterSeconds });
    }
}
