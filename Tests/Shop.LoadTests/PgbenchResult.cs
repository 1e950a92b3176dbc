namespace Shop.LoadTests;

/// <summary>Committed single-row INSERT transactions per second (null if pgbench could not run), and how it was run.</summary>
public sealed record PgbenchResult(double? CommitsPerSecond, string Method);
