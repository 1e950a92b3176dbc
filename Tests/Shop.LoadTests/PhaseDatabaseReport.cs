namespace Shop.LoadTests;

/// <summary>Database work during a phase, per saga that reached a terminal status inside the window.
/// <see cref="CommitsPerSaga"/> counts every commit of the four service databases, the read-only ones of the status
/// polls included; <see cref="WriteTransactionsPerSaga"/> counts only transactions that wrote (each one a WAL flush).</summary>
public sealed record PhaseDatabaseReport(long XactCommits, long WriteTransactions, double? CommitsPerSaga, double? WriteTransactionsPerSaga,
    IReadOnlyDictionary<string, long> CommitsPerDatabase)
{
    public static PhaseDatabaseReport? From(DatabaseCounters? before, DatabaseCounters? after, int sagas)
    {
        if (before is null || after is null)
        {
            return null;
        }

        var commits = after.XactCommits - before.XactCommits;
        var writes = after.TransactionIdHorizon - before.TransactionIdHorizon;
        return new PhaseDatabaseReport(commits, writes,
            sagas == 0 ? null : Math.Round((double)commits / sagas, 2),
            sagas == 0 ? null : Math.Round((double)writes / sagas, 2),
            after.PerDatabase.ToDictionary(p => p.Key, p => p.Value - before.PerDatabase.GetValueOrDefault(p.Key)));
    }
}
