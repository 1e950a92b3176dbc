using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shop.Payments.Data;
using Shop.Payments.Domain;

namespace Shop.Payments.Apis;

public static class AccountsApi
{
    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/accounts").WithTags("Accounts");
        api.MapGet("/{customerId}", GetAccountAsync);
        api.MapPut("/{customerId}", SetBalanceAsync);
        return app;
    }

    /// <summary>A customer's account and balance.</summary>
    public static async Task<Results<Ok<AccountResponse>, ProblemHttpResult>> GetAccountAsync(
        string customerId, PaymentsDbContext db, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.CustomerId == customerId, cancellationToken);
        return account is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Account not found", detail: $"There is no account for customer '{customerId}'.")
            : TypedResults.Ok(AccountResponse.From(account));
    }

    /// <summary>Creates the customer's account or sets its balance (admin, seeding).</summary>
    public static async Task<Results<Created<AccountResponse>, Ok<AccountResponse>, ValidationProblem>> SetBalanceAsync(
        string customerId, SetBalanceRequest request, PaymentsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = request.Validate(customerId);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var balance = request.Balance!.Value;
        var now = time.GetUtcNow();
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.CustomerId == customerId, cancellationToken);
        if (account is not null)
        {
            account.SetBalance(balance, now);
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Ok(AccountResponse.From(account));
        }

        account = new Account(customerId, balance, now);
        db.Accounts.Add(account);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Created($"/api/accounts/{Uri.EscapeDataString(customerId)}", AccountResponse.From(account));
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another PUT created the account since it was read; this one then sets it, as it would a moment later.
            db.ChangeTracker.Clear();
            account = await db.Accounts.SingleAsync(a => a.CustomerId == customerId, cancellationToken);
            account.SetBalance(balance, now);
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Ok(AccountResponse.From(account));
        }
    }
}
