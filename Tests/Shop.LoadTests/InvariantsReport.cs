namespace Shop.LoadTests;

/// <summary>The DESIGN §2 check over this run's orders, products and customers once the system was quiet.</summary>
public sealed record InvariantsReport(bool Held, int Orders, double Seconds, string? Violations);
