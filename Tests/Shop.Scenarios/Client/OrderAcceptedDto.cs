namespace Shop.Scenarios.Client;

public sealed record OrderAcceptedDto(Guid OrderId, string Status);
