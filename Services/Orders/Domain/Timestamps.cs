namespace Shop.Orders.Domain;

internal static class Timestamps
{
    /// <summary>UTC and whole microseconds: what PostgreSQL stores, so an order in memory equals the one read back
    /// (and Npgsql refuses offsets other than zero).</summary>
    public static DateTimeOffset Normalize(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % 10));
    }
}
