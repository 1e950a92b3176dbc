namespace Shop.Scenarios.Client;

public sealed record ProductDto(string Sku, string Name, decimal UnitPrice, int OnHand, int Reserved, int Available);
