namespace Shop.Messaging.Kafka;

/// <summary>One consumer loop: a consumer group reading some topics into one handler type.</summary>
public sealed record KafkaSubscription(string GroupId, IReadOnlyList<string> Topics, Type HandlerType)
{
    /// <summary>Attempts for a record that fails with a transient error before it is dead-lettered.</summary>
    public int MaxAttempts { get; init; } = 5;
}
