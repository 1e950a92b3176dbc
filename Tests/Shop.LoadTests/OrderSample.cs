namespace Shop.LoadTests;

/// <summary>One order as the generator saw it. Times are <see cref="System.Diagnostics.Stopwatch"/> timestamps.</summary>
/// <param name="Kind">What the generator asked for.</param>
/// <param name="Outcome"><c>Completed</c>, <c>Cancelled/&lt;reason&gt;</c>, <c>rejected/&lt;503 or 429&gt;</c> (the POST was refused,
/// nothing stored), <c>error/&lt;HTTP status or exception&gt;</c> or <c>timeout</c>.</param>
/// <param name="LatencyMs">POST sent → terminal status observed (null unless terminal).</param>
/// <param name="ServerMs">The order's own <c>updatedAt − createdAt</c>: the saga's duration by the orders service's clock,
/// free of the polling's granularity (null unless terminal).</param>
/// <param name="Submitted">When the POST was sent.</param>
/// <param name="Finished">When the terminal status (or the failure) was seen.</param>
/// <param name="Polls">Status requests spent on this order: GET polls, or event streams opened (<c>--observe</c>).</param>
public sealed record OrderSample(OrderKind Kind, string Outcome, long Submitted, long Finished, double? LatencyMs, double? ServerMs, int Polls)
{
    /// <summary>A completed saga's step durations (<see cref="OrderStatusView.StepDurations"/>).</summary>
    public IReadOnlyDictionary<string, double> Steps { get; init; } = new Dictionary<string, double>();

    public bool IsTerminal => LatencyMs is not null;

    public bool IsError => Outcome.StartsWith("error/", StringComparison.Ordinal);

    public bool IsRejected => Outcome.StartsWith("rejected/", StringComparison.Ordinal);

    public bool IsTimeout => Outcome == "timeout";
}
