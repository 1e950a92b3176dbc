using System.ComponentModel.DataAnnotations;

namespace Shop.Contracts.Orders;

/// <summary>Everything done for the order is undone: mark it Cancelled with the reason.</summary>
[MessageContract("orders.cancel-order.v1", ContractTopics.OrdersCommands)]
public record CancelOrder(Guid OrderId, string Reason) : IOrderMessage, IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        MessageValidation.OrderId(OrderId)
            .Concat(MessageValidation.Required(Reason, nameof(Reason)));
}
