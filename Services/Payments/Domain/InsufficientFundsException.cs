namespace Shop.Payments.Domain;

public sealed class InsufficientFundsException(string customerId, decimal balance, decimal amount)
    : InvalidOperationException($"Account '{customerId}' holds {balance}, less than the {amount} to debit.");
