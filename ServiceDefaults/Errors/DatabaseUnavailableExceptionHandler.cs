using System.Data.Common;
using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Shop.ServiceDefaults.Errors;

/// <summary>
/// Answers 503 problem+json with <c>Retry-After</c>, not 500, when a request failed because the database could not
/// serve it for the moment: ADO.NET's <see cref="DbException.IsTransient"/> anywhere in the exception's chain (EF Core
/// wraps the provider's). For Npgsql that is a connection pool exhausted under overload (it waited <c>Timeout</c>
/// seconds for a connection), a refused or broken connection, a server starting up or shutting down, and the
/// retryable SQL states. The client did nothing wrong and may retry; an order POST retried with the same
/// <c>Idempotency-Key</c> returns the order if the first attempt committed after all. Any other exception is left
/// to the default handler (500).
/// </summary>
internal sealed partial class DatabaseUnavailableExceptionHandler(ILogger<DatabaseUnavailableExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>Long enough for a pool to drain or a restarted server to accept connections, short for a client.</summary>
    public const int RetryAfterSeconds = 2;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (TransientDatabaseError(exception) is not { } error)
        {
            return false;
        }

        // A warning, not an error: the answer tells the client to retry, and ASP.NET Core logs nothing itself for an
        // exception a handler took.
        LogDatabaseUnavailable(httpContext.Request.Method, httpContext.Request.Path, error.Message);
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await Results.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "The database is unavailable right now.",
            detail: $"Retry after {RetryAfterSeconds} s (an order POST with the same Idempotency-Key).",
            extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = RetryAfterSeconds })
            .ExecuteAsync(httpContext);
        return true;
    }

    private static DbException? TransientDatabaseError(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is DbException { IsTransient: true } transient)
            {
                return transient;
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: the database is unavailable ({Reason})")]
    private partial void LogDatabaseUnavailable(string method, string path, string reason);
}
