using Shop.Payments.Domain;

namespace Shop.Payments.Apis;

public sealed record AccountResponse(string CustomerId, decimal Balance)
{
    public static AccountResponse From(Account account) => new(account.CustomerId, Money.ToCents(account.Balance));
}
