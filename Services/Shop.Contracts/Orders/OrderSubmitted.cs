using System.ComponentModel.DataAnnotations;

namespace Shop.Contracts.Orders;

/// <summary>The orders service accepted an order: the saga starts.</summary>
[MessageContract("orders.order-submitted.v1", ContractTopics.OrdersEvents)]
public record OrderSubmitted(Guid OrderId, string CustomerId, IReadOnlyList<PricedOrderLine> Lines, decimal Total, DateTimeOffset SubmittedAt) : IOrderMessage, IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        MessageValidation.OrderId(OrderId)
            .Concat(MessageValidation.Required(CustomerId, nameof(CustomerId)))
            .Concat(MessageValidation.Lines(Lines, line => line.Sku, line => line.Quantity))
            .Concat(MessageValidation.NotNegative(Total, nameof(Total)));
}
