using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Shop.ServiceDefaults.Edge;

/// <summary>
/// Refuses, before any endpoint runs, the request bodies no API of this project accepts: a body over
/// <see cref="RequestLimitsOptions.MaxBodyBytes"/> (413) and a body that is not JSON (415), both as problem+json.
/// A body without Content-Length (chunked) is read up to the limit into memory first, so the limit holds the same
/// way whatever the transport, and an endpoint never meets a half-read body or a mid-parse I/O failure.
/// </summary>
internal sealed class RequestLimitsMiddleware(RequestDelegate next, IOptionsMonitor<RequestLimitsOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limits = options.CurrentValue;
        var request = context.Request;
        if (!request.Path.StartsWithSegments(limits.PathPrefix, StringComparison.OrdinalIgnoreCase) || !HasBody(request))
        {
            await next(context);
            return;
        }

        if (request.ContentLength > limits.MaxBodyBytes)
        {
            await TooLargeAsync(context, limits.MaxBodyBytes);
            return;
        }

        if (!IsJson(request.ContentType))
        {
            await ProblemAsync(
                context,
                StatusCodes.Status415UnsupportedMediaType,
                "The request body must be JSON.",
                $"Send the body with Content-Type: application/json (got '{request.ContentType ?? "none"}').");
            return;
        }

        if (request.ContentLength is null && !await BufferWithinLimitAsync(context, limits.MaxBodyBytes))
        {
            await TooLargeAsync(context, limits.MaxBodyBytes);
            return;
        }

        await next(context);
    }

    // HTTP/1.1 says so with Content-Length or Transfer-Encoding; HTTP/2 and 3 may send a body with neither, which the
    // server's body detection feature knows.
    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0
        || (request.ContentLength is null
            && (request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody
                ?? request.Headers.TransferEncoding.Count > 0));

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && (mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (mediaType.Type.Equals("application", StringComparison.OrdinalIgnoreCase)
                && mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase)));

    private static async Task<bool> BufferWithinLimitAsync(HttpContext context, long maxBytes)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return false;
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        context.Request.Body = buffer;
        context.Response.RegisterForDispose(buffer);
        return true;
    }

    private static Task TooLargeAsync(HttpContext context, long maxBytes)
    {
        // The rest of an oversized body is never read; on HTTP/1.1 closing the connection afterwards spares draining it
        // (HTTP/2 and 3 reset the stream instead, and forbid the header).
        if (HttpProtocol.IsHttp11(context.Request.Protocol))
        {
            context.Response.Headers.Connection = "close";
        }

        return ProblemAsync(
            context,
            StatusCodes.Status413PayloadTooLarge,
            "The request body is too large.",
            $"A request body may have at most {maxBytes} bytes.");
    }

    private static Task ProblemAsync(HttpContext context, int status, string title, string detail) =>
        Microsoft.AspNetCore.Http.Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(context);
}
