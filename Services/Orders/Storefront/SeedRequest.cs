namespace Shop.Orders.Storefront;

/// <summary>The body of <c>POST /api/storefront/seed</c>; both optional (<see cref="DemoCatalog"/> has the defaults).</summary>
public sealed record SeedRequest(string? CustomerId, decimal? Balance);
