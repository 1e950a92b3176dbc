namespace Shop.Chaos;

public enum FaultKind
{
    /// <summary>SIGKILL of one service replica's process; started again through the resource's Start command once it is down.</summary>
    KillService,

    /// <summary>PostgreSQL restarted in place (immediate or fast shutdown): every connection breaks.</summary>
    RestartPostgres,

    /// <summary>Every produce request fails with a retriable error for a while.</summary>
    FailKafkaProduce,

    /// <summary>Every fetch request fails with a retriable error for a while.</summary>
    FailKafkaFetch,

    /// <summary>One broker refuses connections for a while (its partitions and group coordination stall).</summary>
    KafkaBrokerDown,
}
