using System.ComponentModel.DataAnnotations;

namespace Shop.Contracts.Orders;

/// <summary>The orders service marked the order Cancelled.</summary>
[MessageContract("orders.order-cancelled.v1", ContractTopics.OrdersEvents)]
public record OrderCancelled(Guid OrderId, string Reason) : IOrderMessage, IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        MessageValidation.OrderId(OrderId)
            .Concat(MessageValidation.Required(Reason, nameof(Reason)));
}
