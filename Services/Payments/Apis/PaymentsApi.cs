using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Shop.Payments.Data;

namespace Shop.Payments.Apis;

public static class PaymentsApi
{
    public static IEndpointRouteBuilder MapPaymentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/payments").WithTags("Payments");
        api.MapGet("/", ListPaymentsAsync);
        return app;
    }

    // orderId is bound as a string so that a missing or malformed one is a field error of this endpoint's own.
    /// <summary>The payments made for an order: charges, refunds and declines, oldest first.</summary>
    public static async Task<Results<Ok<List<PaymentResponse>>, ValidationProblem>> ListPaymentsAsync(
        string? orderId, PaymentsDbContext db, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(orderId, out var id))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["orderId"] = ["An orderId query parameter holding a GUID is required."],
            });
        }

        var payments = await db.Payments.AsNoTracking()
            .Where(p => p.OrderId == id)
            .OrderBy(p => p.At)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(payments.ConvertAll(PaymentResponse.From));
    }
}
