using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Shop.Orders.Domain;
using Shop.Orders.Storefront;

namespace Shop.Orders.Apis;

/// <summary>
/// What the web page at <c>/</c> needs from the other services: stock from inventory, balances from payments, and
/// seeding both with demo data. The page talks to the orders service alone (one origin, no CORS), and orders reaches
/// the others through service discovery and the resilience pipeline, as it does for pricing.
/// </summary>
public static class StorefrontApi
{
    public const decimal MaxSeedBalance = 1_000_000m;

    public static IEndpointRouteBuilder MapStorefrontApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/storefront").WithTags("Storefront");

        api.MapGet("/products", GetProductsAsync)
            .WithName("GetStorefrontProducts")
            .WithSummary("Products with their stock, from the inventory service.");
        api.MapGet("/accounts/{customerId}", GetAccountAsync)
            .WithName("GetStorefrontAccount")
            .WithSummary("A customer's balance, from the payments service.");
        api.MapPost("/seed", SeedAsync)
            .WithName("SeedDemoData")
            .WithSummary("Creates or resets the demo products and the customer's account.");

        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<StorefrontProduct>>, ProblemHttpResult>> GetProductsAsync(
        HttpContext http, [FromServices] ProductsClient products, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await products.ListAsync(cancellationToken));
        }
        catch (StorefrontUnavailableException ex)
        {
            return Unavailable(http, ex);
        }
    }

    public static async Task<Results<Ok<StorefrontAccount>, ProblemHttpResult>> GetAccountAsync(
        string customerId, HttpContext http, [FromServices] AccountsClient accounts, CancellationToken cancellationToken)
    {
        try
        {
            return await accounts.GetAsync(customerId, cancellationToken) is { } account
                ? TypedResults.Ok(account)
                : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Account not found.",
                    detail: $"There is no account for customer '{customerId}'.");
        }
        catch (StorefrontUnavailableException ex)
        {
            return Unavailable(http, ex);
        }
    }

    public static async Task<Results<Ok<SeedResponse>, ValidationProblem, ProblemHttpResult>> SeedAsync(
        [FromBody] SeedRequest? request,
        HttpContext http,
        [FromServices] ProductsClient products,
        [FromServices] AccountsClient accounts,
        CancellationToken cancellationToken)
    {
        var customerId = request?.CustomerId ?? DemoCatalog.DefaultCustomerId;
        var balance = request?.Balance ?? DemoCatalog.DefaultBalance;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(customerId) || customerId.Length > Order.MaxCustomerIdLength)
        {
            errors["customerId"] = [$"The customer id must be 1 to {Order.MaxCustomerIdLength} characters."];
        }

        if (balance < 0 || balance > MaxSeedBalance || decimal.Round(balance, 2) != balance)
        {
            errors["balance"] = [$"The balance must be between 0 and {MaxSeedBalance.ToString(CultureInfo.InvariantCulture)} with at most 2 decimal places."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        try
        {
            var seeded = new List<StorefrontProduct>();
            foreach (var product in DemoCatalog.Products)
            {
                seeded.Add(await products.PutAsync(product, cancellationToken));
            }

            var account = await accounts.SetBalanceAsync(customerId, balance, cancellationToken);
            return TypedResults.Ok(new SeedResponse(seeded, account));
        }
        catch (StorefrontConflictException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Stock is held by orders in flight.", detail: ex.Message);
        }
        catch (StorefrontUnavailableException ex)
        {
            return Unavailable(http, ex);
        }
    }

    private static ProblemHttpResult Unavailable(HttpContext http, StorefrontUnavailableException ex)
    {
        http.Response.Headers.RetryAfter = OrdersApi.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
            title: $"The {ex.Service} service is unavailable.", detail: ex.Message);
    }
}
