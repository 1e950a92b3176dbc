namespace Shop.Orchestrator.Saga;

/// <summary>How long finished sagas are kept (configuration section <c>Saga:Retention</c>).</summary>
public sealed class SagaRetentionOptions
{
    public const string SectionName = "Saga:Retention";

    /// <summary>
    /// A Completed or Cancelled saga is deleted once it has not changed for this long. A reply that comes later finds no
    /// saga and is dropped, so nothing would compensate it (a charge after a timeout would never be refunded): keep this
    /// above the longest a reply can take, which is bounded by the topics' retention (Kafka's default is 7 days).
    /// </summary>
    public TimeSpan KeepFinishedFor { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often <see cref="FinishedSagaPruner"/> deletes what has expired.</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows deleted per statement, so a large backlog does not hold one long transaction.</summary>
    public int PruneBatchSize { get; set; } = 10_000;
}
