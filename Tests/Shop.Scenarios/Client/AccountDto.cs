namespace Shop.Scenarios.Client;

public sealed record AccountDto(string CustomerId, decimal Balance);
