using System.ComponentModel.DataAnnotations;

namespace Shop.Contracts.Orders;

/// <summary>The orders service marked the order Completed.</summary>
[MessageContract("orders.order-completed.v1", ContractTopics.OrdersEvents)]
public record OrderCompleted(Guid OrderId) : IOrderMessage, IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        MessageValidation.OrderId(OrderId);
}
