namespace Shop.Messaging.Kafka;

/// <summary>One consumer loop: a consumer group reading some topics into one handler type.</summary>
public sealed record KafkaSubscription(string GroupId, IReadOnlyList<string> Topics, Type HandlerType)
{
    /// <summary>Attempts for a record that fails with a transient error before it is dead-lettered.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>
    /// Whether records queued up on a partition may share one transaction (when the handler can batch, up to
    /// <see cref="KafkaOptions.MaxBatchSize"/>). Off for handlers whose messages lock rows that messages on other
    /// partitions lock too: a batch holds its locks until its one commit, so two batches locking the same rows in
    /// different orders deadlock.
    /// </summary>
    public bool Batching { get; init; } = true;

    /// <summary>
    /// Whether orders wait on this consumer's records (the inbox consumers) — true — or not (diagnostics pings). A
    /// consumer nobody waits on long-polls at least <see cref="KafkaOptions.OffPathFetchWaitMaxMs"/> whatever
    /// <see cref="KafkaOptions.FetchWaitMaxMs"/> says, so a short fetch wait, and the empty fetches it costs, is paid
    /// only where it buys latency.
    /// </summary>
    public bool OnOrderPath { get; init; } = true;
}
