namespace Shop.Scenarios.Client;

public sealed record PaymentDto(Guid PaymentId, Guid OrderId, decimal Amount, string Status, DateTimeOffset At);
