namespace Shop.Chaos;

/// <summary>What a chaos run did and found; <see cref="Passed"/> when every order ended and every check held.</summary>
public sealed record ChaosReport(
    int Seed,
    int OrdersPlaced,
    IReadOnlyDictionary<string, int> Outcomes,
    IReadOnlyDictionary<FaultKind, int> Faults,
    IReadOnlyList<string> SubmissionErrors,
    IReadOnlyList<string> Violations,
    IReadOnlyList<PlacedOrder> Orders,
    TimeSpan TrafficTime,
    TimeSpan QuietAfter,
    int StuckOrders,
    IReadOnlyList<string> Diagnosis)
{
    public bool Passed => SubmissionErrors.Count == 0 && Violations.Count == 0;

    public IEnumerable<string> Lines()
    {
        yield return $"chaos seed: {Seed}";
        yield return StuckOrders == 0
            ? $"orders: {OrdersPlaced} placed in {TrafficTime.TotalSeconds:0} s; all terminal {QuietAfter.TotalSeconds:0.0} s after the faults stopped"
            : $"orders: {OrdersPlaced} placed in {TrafficTime.TotalSeconds:0} s; {StuckOrders} NOT terminal {QuietAfter.TotalSeconds:0.0} s after the faults stopped"
                + string.Concat(Diagnosis.Select(line => "\n  " + line));
        yield return "outcomes: " + string.Join(", ", Outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key} {o.Value}"));
        yield return "faults: " + string.Join(", ", Faults.Select(f => $"{f.Key} {f.Value}")) + $" (total {Faults.Values.Sum()})";
        yield return $"submission errors: {SubmissionErrors.Count}" + string.Concat(SubmissionErrors.Take(10).Select(e => "\n  " + e));
        yield return Violations.Count == 0
            ? "invariants: hold (every order terminal; stock sold = Completed quantities; money taken = Completed totals; no double charge; nothing reserved; outcomes plausible)"
            : $"invariants: VIOLATED ({Violations.Count})" + string.Concat(Violations.Take(50).Select(v => "\n  " + v));
    }

    public override string ToString() => string.Join(Environment.NewLine, Lines());
}
