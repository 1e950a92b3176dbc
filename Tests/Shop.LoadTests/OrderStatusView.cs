using Shop.Scenarios.Client;

namespace Shop.LoadTests;

/// <summary>The fields of <c>GET /api/orders/{id}</c> the generator reads (the rest is not deserialized).</summary>
public sealed record OrderStatusView(
    Guid OrderId, string Status, string? Reason, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<TimelineEntryDto>? Timeline)
{
    public bool IsTerminal => Status is "Completed" or "Cancelled";

    /// <summary>
    /// A completed saga cut into its steps by the timeline (each step's time is when the orchestrator handled its
    /// reply): <c>submitted→reserve</c> is three Kafka hops (OrderSubmitted, ReserveStock, StockReserved), each later
    /// step two (command and reply). Milliseconds; empty unless Completed.
    /// </summary>
    public IReadOnlyDictionary<string, double> StepDurations()
    {
        var steps = new Dictionary<string, double>();
        if (Status != "Completed" || Timeline is null)
        {
            return steps;
        }

        var (previous, at) = ("submitted", CreatedAt);
        foreach (var entry in Timeline.Where(e => e.Status == "Succeeded").OrderBy(e => e.At))
        {
            steps[$"{previous}→{entry.Step}"] = (entry.At - at).TotalMilliseconds;
            (previous, at) = (entry.Step, entry.At);
        }

        return steps;
    }
}
