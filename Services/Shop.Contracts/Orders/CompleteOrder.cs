using System.ComponentModel.DataAnnotations;

namespace Shop.Contracts.Orders;

/// <summary>Stock is committed and money taken: mark the order Completed.</summary>
[MessageContract("orders.complete-order.v1", ContractTopics.OrdersCommands)]
public record CompleteOrder(Guid OrderId) : IOrderMessage, IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        MessageValidation.OrderId(OrderId);
}
