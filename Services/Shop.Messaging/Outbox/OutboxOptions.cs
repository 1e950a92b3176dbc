namespace Shop.Messaging.Outbox;

/// <summary>Relay settings, section <c>Messaging:Outbox</c>.</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Messaging:Outbox";

    /// <summary>Rows published per round trip.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>The backstop: how long the relay sleeps when no commit signal or NOTIFY wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a replica that is not the publisher checks whether the publisher has gone.</summary>
    public TimeSpan LeaderRetryInterval { get; set; } = TimeSpan.FromSeconds(2);
}
