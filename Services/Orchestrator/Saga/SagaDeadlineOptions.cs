namespace Shop.Orchestrator.Saga;

/// <summary>How long the saga waits for each step's reply (configuration section <c>Saga:Deadlines</c>).</summary>
public sealed class SagaDeadlineOptions
{
    public const string SectionName = "Saga:Deadlines";

    public TimeSpan ReserveStock { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan ChargePayment { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan CommitStock { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often <see cref="SagaDeadlineSweeper"/> looks for expired deadlines.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How many expired sagas one sweep handles in one transaction.</summary>
    public int SweepBatchSize { get; set; } = 100;
}
