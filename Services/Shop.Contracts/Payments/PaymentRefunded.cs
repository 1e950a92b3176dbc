using System.ComponentModel.DataAnnotations;

namespace Shop.Contracts.Payments;

/// <summary>The order holds no money any more; Amount is what was given back now (0 when nothing was charged).</summary>
[MessageContract("payments.payment-refunded.v1", ContractTopics.PaymentsEvents)]
public record PaymentRefunded(Guid OrderId, decimal Amount) : IOrderMessage, IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        MessageValidation.OrderId(OrderId)
            .Concat(MessageValidation.NotNegative(Amount, nameof(Amount)));
}
