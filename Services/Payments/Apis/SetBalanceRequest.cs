using Shop.Payments.Domain;

namespace Shop.Payments.Apis;

/// <summary>Body of <c>PUT /api/accounts/{customerId}</c>. Nullable so that a missing balance is a field error, not 0.</summary>
public sealed record SetBalanceRequest(decimal? Balance)
{
    public Dictionary<string, string[]> Validate(string customerId)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(customerId) || customerId.Length > Account.MaxCustomerIdLength)
        {
            errors["customerId"] = [$"The customer id must be 1 to {Account.MaxCustomerIdLength} characters."];
        }

        if (Balance is not { } balance)
        {
            errors["balance"] = ["A balance is required."];
        }
        else if (!Money.IsValid(balance))
        {
            errors["balance"] = ["The balance must be at least 0 with at most 2 decimal places."];
        }

        return errors;
    }
}
