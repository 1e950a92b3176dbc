namespace Shop.LoadTests;

/// <summary>A snapshot of PostgreSQL's counters. <see cref="XactCommits"/>: <c>pg_stat_database.xact_commit</c> summed
/// over the four service databases (every committed transaction, reads included; backends report them up to a second
/// late). <see cref="TransactionIdHorizon"/>: the next transaction id, which only writing transactions consume, so its
/// delta counts the cluster's write transactions exactly.</summary>
public sealed record DatabaseCounters(long XactCommits, long TransactionIdHorizon, IReadOnlyDictionary<string, long> PerDatabase);
