using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Shop.Contracts;
using Shop.Orders.Data;
using Shop.Orders.Live;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Shop.Orders.Apis;

/// <summary>
/// <c>GET /api/orders/{id}/events</c>: the order's live status as Server-Sent Events. The stream starts with the
/// current state, sends the whole order again (event <c>status</c>, the body of <c>GET /api/orders/{id}</c>) each time
/// its status or timeline changes, and ends once a terminal state has been sent. Each event's <c>id</c> names the state
/// it carries, so a browser that reconnects with <c>Last-Event-ID</c> is not sent what it already has, and one that
/// reconnects after the terminal state gets <c>204</c>, which tells EventSource to stop reconnecting.
/// </summary>
public static class OrderEventsApi
{
    public const string ContentType = "text/event-stream";
    public const string StatusEvent = "status";

    /// <summary>The order's live status as Server-Sent Events (event <c>status</c>, the order's JSON), until it is terminal.</summary>
    public static async Task<Results<EmptyHttpResult, NoContent, ProblemHttpResult>> StreamOrderEventsAsync(
        Guid id,
        HttpContext http,
        [FromHeader(Name = "Last-Event-ID")] string? lastEventId,
        [FromServices] OrdersDbContext db,
        [FromServices] OrderChangeFeed feed,
        [FromServices] IOptions<LiveStatusOptions> options,
        [FromServices] IOptions<HttpJsonOptions> json,
        [FromServices] IHostApplicationLifetime lifetime,
        [FromServices] TimeProvider time)
    {
        // Streams end when the client leaves or the service stops; a stopping server does not wait for them.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var cancellationToken = stopping.Token;
        var settings = options.Value;

        // Watch before the first read, so a change committed in between wakes the loop instead of slipping by.
        using var changes = feed.Watch(id);
        var state = await ReadAsync(db, id, json.Value.SerializerOptions, cancellationToken);
        if (state is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Order not found.", detail: $"There is no order {id}.");
        }

        if (state.Terminal && state.EventId == lastEventId)
        {
            return TypedResults.NoContent();
        }

        http.Response.ContentType = ContentType;
        http.Response.Headers.CacheControl = "no-cache";
        // Reverse proxies (nginx, Container Apps' Envoy) would otherwise buffer the stream.
        http.Response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        try
        {
            await WriteAsync(http, $"retry: {(long)settings.ClientRetry.TotalMilliseconds}\n\n", cancellationToken);
            if (state.EventId != lastEventId)
            {
                await SendAsync(http, state, cancellationToken);
            }

            var lastRead = time.GetTimestamp();
            var lastWrite = lastRead;
            while (!state.Terminal)
            {
                var untilRead = settings.SafetyReadInterval - time.GetElapsedTime(lastRead);
                var untilHeartbeat = settings.HeartbeatInterval - time.GetElapsedTime(lastWrite);
                var wait = untilRead < untilHeartbeat ? untilRead : untilHeartbeat;
                var woken = await changes.WaitAsync(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, cancellationToken);

                if (woken || time.GetElapsedTime(lastRead) >= settings.SafetyReadInterval)
                {
                    // Re-read rather than trust the notification: it says only that something changed.
                    var current = await ReadAsync(db, id, json.Value.SerializerOptions, cancellationToken);
                    lastRead = time.GetTimestamp();
                    if (current is null)
                    {
                        break;
                    }

                    if (current.EventId != state.EventId)
                    {
                        state = current;
                        await SendAsync(http, state, cancellationToken);
                        lastWrite = time.GetTimestamp();
                        continue;
                    }
                }

                if (time.GetElapsedTime(lastWrite) >= settings.HeartbeatInterval)
                {
                    await WriteAsync(http, ": heartbeat\n\n", cancellationToken);
                    lastWrite = time.GetTimestamp();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away or the service is stopping: the stream just ends.
        }

        return TypedResults.Empty;
    }

    /// <summary>The order as one SSE event: its JSON (the shape of <c>GET /api/orders/{id}</c>) and an id naming it.</summary>
    private sealed record OrderState(string Json, string EventId, bool Terminal);

    private static async Task<OrderState?> ReadAsync(OrdersDbContext db, Guid id, JsonSerializerOptions serializerOptions, CancellationToken cancellationToken)
    {
        var order = await db.FindOrderSnapshotAsync(id, cancellationToken);
        if (order is null)
        {
            return null;
        }

        var body = JsonSerializer.Serialize(OrderResponse.From(order), serializerOptions);
        // The id is derived from the content, so it is the same on every replica and for every client.
        var eventId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)).AsSpan(0, 8));
        return new OrderState(body, eventId, OrderStates.IsTerminal(order.Status));
    }

    private static Task SendAsync(HttpContext http, OrderState state, CancellationToken cancellationToken) =>
        // Serialized JSON has no raw line breaks, so one data line carries it.
        WriteAsync(http, $"id: {state.EventId}\nevent: {StatusEvent}\ndata: {state.Json}\n\n", cancellationToken);

    private static async Task WriteAsync(HttpContext http, string text, CancellationToken cancellationToken)
    {
        await http.Response.WriteAsync(text, cancellationToken);
        await http.Response.Body.FlushAsync(cancellationToken);
    }
}
