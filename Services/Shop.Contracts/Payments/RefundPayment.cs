using System.ComponentModel.DataAnnotations;

namespace Shop.Contracts.Payments;

/// <summary>Compensation: give back what was charged for the order, if anything was.</summary>
[MessageContract("payments.refund-payment.v1", ContractTopics.PaymentsCommands)]
public record RefundPayment(Guid OrderId) : IOrderMessage, IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        MessageValidation.OrderId(OrderId);
}
