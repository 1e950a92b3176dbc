using System.ComponentModel.DataAnnotations;

namespace Shop.Contracts.Payments;

/// <summary>Take the order's total from the customer's balance, once per order.</summary>
[MessageContract("payments.charge-payment.v1", ContractTopics.PaymentsCommands)]
public record ChargePayment(Guid OrderId, string CustomerId, decimal Amount) : IOrderMessage, IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        MessageValidation.OrderId(OrderId)
            .Concat(MessageValidation.Required(CustomerId, nameof(CustomerId)))
            .Concat(MessageValidation.NotNegative(Amount, nameof(Amount)));
}
