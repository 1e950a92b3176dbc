using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shop.Inventory.Data;
using Shop.Inventory.Domain;

namespace Shop.Inventory.Apis;

public static class ProductsApi
{
    public static IEndpointRouteBuilder MapProductsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/products").WithTags("Products");

        api.MapGet("/", GetProductsAsync);
        api.MapGet("/{sku}", GetProductAsync);
        api.MapPut("/{sku}", PutProductAsync);
        api.MapPost("/price", PriceAsync);

        return app;
    }

    /// <summary>Every product with its stock: on hand, reserved by orders in flight, and available.</summary>
    public static async Task<Ok<List<ProductResponse>>> GetProductsAsync(
        [AsParameters] ProductServices services, CancellationToken cancellationToken)
    {
        var products = await services.Db.Products.AsNoTracking().OrderBy(p => p.Sku).ToListAsync(cancellationToken);
        return TypedResults.Ok(products.Select(ProductResponse.From).ToList());
    }

    /// <summary>One product with its stock.</summary>
    public static async Task<Results<Ok<ProductResponse>, ProblemHttpResult>> GetProductAsync(
        string sku, [AsParameters] ProductServices services, CancellationToken cancellationToken)
    {
        var product = await services.Cache.GetAsync(
            sku,
            async token => await services.Db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Sku == sku, token) is { } found
                ? ProductResponse.From(found)
                : null,
            cancellationToken);
        return product is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown product", detail: $"There is no product '{sku}'.")
            : TypedResults.Ok(product);
    }

    /// <summary>Creates the product, or replaces its name, price and stock count; holds stay as they are.</summary>
    public static async Task<Results<Created<ProductResponse>, Ok<ProductResponse>, ValidationProblem, ProblemHttpResult>> PutProductAsync(
        string sku, ProductRequest? request, [AsParameters] ProductServices services, CancellationToken cancellationToken)
    {
        var errors = ProductValidation.Put(sku, request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var (name, unitPrice, onHand) = (request!.Name!, request.UnitPrice!.Value, (int)request.OnHand!.Value);
        try
        {
            try
            {
                return await UpsertAsync(services, sku, name, unitPrice, onHand, cancellationToken);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Another request created the product between our look-up and our insert: now it exists, replace it.
                services.Db.ChangeTracker.Clear();
                return await UpsertAsync(services, sku, name, unitPrice, onHand, cancellationToken);
            }
        }
        catch (InventoryDomainException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Stock is held by orders", detail: ex.Message);
        }
    }

    /// <summary>Prices an order's lines at today's prices (the orders service calls it at submit time).</summary>
    public static async Task<Results<Ok<PriceResponse>, ValidationProblem>> PriceAsync(
        PriceRequest? request, [AsParameters] ProductServices services, CancellationToken cancellationToken)
    {
        var errors = ProductValidation.Price(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var items = request!.Items!;
        var skus = items.Select(item => item.Sku!).Distinct().ToList();
        var products = await services.Db.Products.AsNoTracking()
            .Where(p => skus.Contains(p.Sku))
            .ToDictionaryAsync(p => p.Sku, StringComparer.Ordinal, cancellationToken);
        for (var i = 0; i < items.Count; i++)
        {
            if (!products.ContainsKey(items[i].Sku!))
            {
                errors[$"items[{i}].sku"] = [$"Unknown SKU '{items[i].Sku}'."];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var priced = items
            .Select(item => (Item: item, Product: products[item.Sku!]))
            .Select(x => new PricedItem(x.Product.Sku, x.Item.Quantity, x.Product.UnitPrice, x.Product.Name))
            .ToList();
        return TypedResults.Ok(new PriceResponse(priced, priced.Sum(item => item.Quantity * item.UnitPrice)));
    }

    private static async Task<Results<Created<ProductResponse>, Ok<ProductResponse>, ValidationProblem, ProblemHttpResult>> UpsertAsync(
        ProductServices services, string sku, string name, decimal unitPrice, int onHand, CancellationToken cancellationToken)
    {
        var (db, now) = (services.Db, services.Time.GetUtcNow());
        // The row lock keeps a reservation from slipping in between the check against Reserved and the write.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = (await db.LockProductsAsync([sku], cancellationToken)).GetValueOrDefault(sku);
        if (existing is null)
        {
            var product = new Product(sku, name, unitPrice, onHand, now);
            db.Products.Add(product);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return TypedResults.Created($"/api/products/{Uri.EscapeDataString(sku)}", ProductResponse.From(product));
        }

        existing.Replace(name, unitPrice, onHand, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(ProductResponse.From(existing));
    }
}
