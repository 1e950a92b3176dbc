namespace Shop.Orchestrator.Saga;

/// <summary>
/// Raised by <see cref="SagaDeadlineSweeper"/> for a saga past its deadline. Internal to the orchestrator (sent
/// through the mediator, never over Kafka). <see cref="Deadline"/> is the deadline the sweeper saw: if the saga
/// has moved on to another deadline since, the event is stale and ignored.
/// </summary>
public record SagaDeadlineExpired(Guid OrderId, DateTimeOffset Deadline);
