using System.ComponentModel.DataAnnotations;

namespace Shop.Contracts.Inventory;

/// <summary>Nothing was held: a line is short of stock or its product is unknown.</summary>
[MessageContract("inventory.stock-reservation-failed.v1", ContractTopics.InventoryEvents)]
public record StockReservationFailed(Guid OrderId, string Reason, IReadOnlyList<string> Skus) : IOrderMessage, IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        MessageValidation.OrderId(OrderId)
            .Concat(MessageValidation.Required(Reason, nameof(Reason)));
}
