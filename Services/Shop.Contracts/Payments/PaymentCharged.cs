using System.ComponentModel.DataAnnotations;

namespace Shop.Contracts.Payments;

/// <summary>The order's total was taken.</summary>
[MessageContract("payments.payment-charged.v1", ContractTopics.PaymentsEvents)]
public record PaymentCharged(Guid OrderId, Guid PaymentId, decimal Amount) : IOrderMessage, IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        MessageValidation.OrderId(OrderId)
            .Concat(MessageValidation.NotNegative(Amount, nameof(Amount)));
}
