namespace Shop.LoadTests;

/// <summary>Everything one run measured (written as <c>report.json</c>).</summary>
public sealed record LoadReport(
    DateTimeOffset StartedAt,
    string Command,
    MachineReport Machine,
    string Target,
    string Observation,
    string Mix,
    IReadOnlyList<PhaseReport> Phases,
    string Headline,
    PgbenchResult? PostgresCeiling,
    InvariantsReport Invariants,
    IReadOnlyDictionary<string, int> ErrorKinds,
    IReadOnlyDictionary<string, int> RejectionKinds,
    IReadOnlyList<string> ErrorExamples);
