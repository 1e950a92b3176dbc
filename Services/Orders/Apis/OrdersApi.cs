using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Shop.Contracts;
using Shop.Contracts.Orders;
using Shop.Orders.Admission;
using Shop.Orders.Data;
using Shop.Orders.Domain;
using Shop.Orders.Pricing;
using Shop.Orders.RateLimiting;

namespace Shop.Orders.Apis;

public static class OrdersApi
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>How long a client should wait before retrying a submit that could not be priced.</summary>
    public const int RetryAfterSeconds = 5;

    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/orders").WithTags("Orders");

        api.MapPost("/", SubmitOrderAsync)
            .RequireRateLimiting(PlacementAdmissionPolicy.Name)
            .AddEndpointFilter<UnfinishedOrdersAdmissionFilter>();
        api.MapGet("/{id:guid}", GetOrderAsync);
        api.MapGet("/", ListOrdersAsync);
        api.MapPost("/{id:guid}/cancel", CancelOrderAsync);
        api.MapGet("/{id:guid}/events", OrderEventsApi.StreamOrderEventsAsync)
            .Produces<OrderResponse>(StatusCodes.Status200OK, OrderEventsApi.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    /// <summary>Submits an order (header Idempotency-Key required): 202 with its id; the saga runs asynchronously.</summary>
    public static async Task<Results<Accepted<OrderAcceptedResponse>, ValidationProblem, ProblemHttpResult>> SubmitOrderAsync(
        HttpContext http,
        [FromHeader(Name = SubmitOrderValidator.IdempotencyKeyHeader)] string? idempotencyKey,
        [FromServices] InventoryClient inventory,
        [FromServices] OrderRateLimiter rateLimiter,
        [FromServices] IOptions<HttpJsonOptions> json,
        [AsParameters] OrderServices services)
    {
        var cancellationToken = http.RequestAborted;

        // Read by hand: a malformed body must be a 400 problem, and a missing field a named validation error.
        SubmitOrderRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<SubmitOrderRequest>(http.Request.Body, json.Value.SerializerOptions, cancellationToken);
        }
        catch (JsonException ex)
        {
            if (JsonFieldErrors.From(ex) is { } fieldErrors)
            {
                return TypedResults.ValidationProblem(fieldErrors);
            }

            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request body is not valid JSON.", detail: ex.Message);
        }

        if (request is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "A request body is required.");
        }

        var errors = SubmitOrderValidator.Validate(idempotencyKey, request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (await rateLimiter.CheckAsync(http, request.CustomerId!, cancellationToken) is { } tooMany)
        {
            return tooMany;
        }

        var key = idempotencyKey!;
        var requestHash = RequestHash.Compute(request);
        if (await FindByIdempotencyKeyAsync(services, key, cancellationToken) is { } existing)
        {
            return Replay(existing, requestHash);
        }

        var items = request.Items!.Select(item => new OrderLine(item!.Sku!, item.Quantity!.Value)).ToArray();
        var pricing = await inventory.PriceAsync(items, cancellationToken);
        if (pricing.Errors is { } pricingErrors)
        {
            return TypedResults.ValidationProblem(pricingErrors);
        }

        if (pricing.Lines is not { } lines)
        {
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "The order cannot be priced right now.",
                detail: "The inventory service is unavailable; retry later with the same Idempotency-Key.");
        }

        var order = Order.Submit(Guid.CreateVersion7(), request.CustomerId!, lines, key, requestHash, services.Time.GetUtcNow());
        services.Db.Orders.Add(order);
        services.Outbox.Add(
            new OrderSubmitted(order.Id, order.CustomerId, lines, order.Total, order.CreatedAt),
            order.Id.ToString());
        try
        {
            await services.Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // A concurrent request with the same key won the insert: answer as if this one were its replay.
            services.Db.ChangeTracker.Clear();
            var winner = await FindByIdempotencyKeyAsync(services, key, cancellationToken)
                ?? throw new InvalidOperationException($"Idempotency key '{key}' collided but no order holds it.", ex);
            return Replay(winner, requestHash);
        }

        return Accepted(order);
    }

    /// <summary>The order with its lines, status, cancellation reason and saga timeline.</summary>
    public static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> GetOrderAsync(
        Guid id, [AsParameters] OrderServices services, CancellationToken cancellationToken)
    {
        var order = await services.Db.FindOrderSnapshotAsync(id, cancellationToken);
        return order is null ? NotFound(id) : TypedResults.Ok(OrderResponse.From(order));
    }

    /// <summary>A page of orders, newest first, optionally one customer's or in one status.</summary>
    public static async Task<Results<Ok<OrderPageResponse>, ValidationProblem>> ListOrdersAsync(
        string? customerId,
        string? status,
        string? pageSize,
        string? pageToken,
        [AsParameters] OrderServices services,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var size = DefaultPageSize;
        if (pageSize is not null && (!int.TryParse(pageSize, out size) || size is < 1 or > MaxPageSize))
        {
            errors["pageSize"] = [$"pageSize must be an integer between 1 and {MaxPageSize}."];
        }

        string? state = null;
        if (!string.IsNullOrEmpty(status) && (state = KnownStates.FirstOrDefault(s => s.Equals(status, StringComparison.OrdinalIgnoreCase))) is null)
        {
            errors["status"] = [$"status must be one of {string.Join(", ", KnownStates)}."];
        }

        PageToken? after = null;
        if (!string.IsNullOrEmpty(pageToken) && !PageToken.TryDecode(pageToken, out after))
        {
            errors["pageToken"] = ["pageToken is not a token this service issued."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = services.Db.Orders.AsNoTracking();
        if (!string.IsNullOrEmpty(customerId))
        {
            query = query.Where(o => o.CustomerId == customerId);
        }

        if (state is not null)
        {
            query = query.Where(o => o.Status == state);
        }

        if (after is not null)
        {
            // A row comparison, so Postgres can walk the (created_at, id) index from the token on.
            query = query.Where(o => EF.Functions.LessThan(
                ValueTuple.Create(o.CreatedAt, o.Id), ValueTuple.Create(after.CreatedAt, after.Id)));
        }

        var page = await query
            .OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id)
            .Take(size + 1)
            .Select(o => new OrderSummaryResponse(o.Id, o.CustomerId, o.Status, o.Reason, o.Total, o.CreatedAt, o.UpdatedAt))
            .ToListAsync(cancellationToken);

        string? next = null;
        if (page.Count > size)
        {
            page.RemoveAt(size);
            next = new PageToken(page[^1].CreatedAt, page[^1].OrderId).Encode();
        }

        return TypedResults.Ok(new OrderPageResponse(page, next));
    }

    /// <summary>
    /// Asks the saga to cancel: it compensates what was done and reports Cancelled. Once the stock is being
    /// committed (CommittingStock, Completing) it is too late: the request is accepted, but the saga ignores it
    /// and the order completes. Only an order that is already terminal is refused here.
    /// </summary>
    public static async Task<Results<Accepted<OrderAcceptedResponse>, ProblemHttpResult>> CancelOrderAsync(
        Guid id, [AsParameters] OrderServices services, CancellationToken cancellationToken)
    {
        var order = await services.Db.Orders.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (order is null)
        {
            return NotFound(id);
        }

        try
        {
            order.RequestCancellation();
        }
        catch (OrderStateException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The order can no longer be cancelled.", detail: ex.Message);
        }

        services.Outbox.Add(new OrderCancellationRequested(order.Id, services.Time.GetUtcNow()), order.Id.ToString());
        await services.Db.SaveChangesAsync(cancellationToken);
        return TypedResults.Accepted($"/api/orders/{order.Id}", new OrderAcceptedResponse(order.Id, order.Status));
    }

    private static readonly string[] KnownStates =
    [
        OrderStates.Submitted, OrderStates.ReservingStock, OrderStates.ChargingPayment, OrderStates.CommittingStock,
        OrderStates.Completing, OrderStates.Compensating, OrderStates.Completed, OrderStates.Cancelled,
    ];

    private static Task<Order?> FindByIdempotencyKeyAsync(OrderServices services, string key, CancellationToken cancellationToken) =>
        services.Db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.IdempotencyKey == key, cancellationToken);

    private static Results<Accepted<OrderAcceptedResponse>, ValidationProblem, ProblemHttpResult> Replay(Order existing, string requestHash) =>
        existing.RequestHash == requestHash
            ? Accepted(existing)
            : TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "The Idempotency-Key was already used for another request.",
                detail: "Send a new Idempotency-Key for a different order.");

    private static Accepted<OrderAcceptedResponse> Accepted(Order order) =>
        TypedResults.Accepted($"/api/orders/{order.Id}", new OrderAcceptedResponse(order.Id, order.Status));

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Order not found.", detail: $"There is no order {id}.");
}
