using System.ComponentModel.DataAnnotations;

namespace Shop.Contracts.Orders;

/// <summary>The customer asked to cancel a non-terminal order.</summary>
[MessageContract("orders.order-cancellation-requested.v1", ContractTopics.OrdersEvents)]
public record OrderCancellationRequested(Guid OrderId, DateTimeOffset RequestedAt) : IOrderMessage, IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        MessageValidation.OrderId(OrderId);
}
