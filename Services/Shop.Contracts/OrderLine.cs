namespace Shop.Contracts;

public record OrderLine(string Sku, int Quantity);
