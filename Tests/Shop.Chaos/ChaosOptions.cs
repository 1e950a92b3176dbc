namespace Shop.Chaos;

/// <summary>What one chaos run does. The defaults suit a bounded end-to-end test; the soak command sets a duration.</summary>
public sealed record ChaosOptions
{
    /// <summary>Seeds every random choice: the orders' plan and the faults' plan (kinds, targets, moments).</summary>
    public required int Seed { get; init; }

    /// <summary>Orders submitted at most; the traffic also stops when <see cref="Duration"/> is over.</summary>
    public int MaxOrders { get; init; } = 300;

    /// <summary>How long orders are submitted and faults injected.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(45);

    public double OrdersPerSecond { get; init; } = 8;

    /// <summary>Customers with money; orders are spread over them (the per-customer rate limit stays far away).</summary>
    public int Customers { get; init; } = 120;

    /// <summary>Pause between two faults, drawn between these bounds.</summary>
    public TimeSpan MinFaultGap { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxFaultGap { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a Kafka fault (failing requests, a broker down) lasts, drawn up to this.</summary>
    public TimeSpan MaxKafkaFaultLength { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Null: PostgreSQL is restarted once per run. Otherwise about this often (the soak).</summary>
    public TimeSpan? PostgresRestartInterval { get; init; }

    /// <summary>After the traffic: how long every order may take to become terminal, and the invariants to hold.</summary>
    public TimeSpan QuietTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long one HTTP call may keep failing over between instances (a service restarting, the database away).</summary>
    public TimeSpan HttpPatience { get; init; } = TimeSpan.FromSeconds(60);
}
