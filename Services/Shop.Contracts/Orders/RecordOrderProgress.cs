using System.ComponentModel.DataAnnotations;

namespace Shop.Contracts.Orders;

/// <summary>
/// The orchestrator reports a saga step, so the orders service can keep the order's status and timeline. Superseded by
/// <see cref="RecordOrderProgressV2"/> (one message per saga event); still consumed, so that records an orchestrator
/// of the previous version left in the topic are applied after an upgrade.
/// </summary>
[MessageContract("orders.record-order-progress.v1", ContractTopics.OrdersCommands)]
public record RecordOrderProgress(Guid OrderId, string State, string Step, string StepStatus, DateTimeOffset At) : IOrderMessage, IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        MessageValidation.OrderId(OrderId)
            .Concat(MessageValidation.Required(State, nameof(State)))
            .Concat(MessageValidation.Required(Step, nameof(Step)))
            .Concat(MessageValidation.Required(StepStatus, nameof(StepStatus)));
}
