using System.ComponentModel.DataAnnotations;

namespace Shop.Contracts.Orders;

/// <summary>
/// The orchestrator reports everything one saga event changed, so the orders service can keep the order's status and
/// timeline: the state the saga is in after it and the steps it moved, in the order they happened. One message per
/// event instead of one per step (<see cref="RecordOrderProgress"/>) halves what the orders service consumes. An orders
/// service that knows only v1 dead-letters this, so an upgrade deploys the orders service before the orchestrator.
/// </summary>
[MessageContract("orders.record-order-progress.v2", ContractTopics.OrdersCommands)]
public record RecordOrderProgressV2(Guid OrderId, string State, IReadOnlyList<OrderStepChange> Steps, DateTimeOffset At)
    : IOrderMessage, IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        MessageValidation.OrderId(OrderId)
            .Concat(MessageValidation.Required(State, nameof(State)))
            .Concat(MessageValidation.Steps(Steps));
}
