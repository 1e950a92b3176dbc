using System.ComponentModel.DataAnnotations;

namespace Shop.Contracts.Payments;

/// <summary>Nothing was taken: the balance is too low or the account is unknown.</summary>
[MessageContract("payments.payment-declined.v1", ContractTopics.PaymentsEvents)]
public record PaymentDeclined(Guid OrderId, string Reason) : IOrderMessage, IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        MessageValidation.OrderId(OrderId)
            .Concat(MessageValidation.Required(Reason, nameof(Reason)));
}
