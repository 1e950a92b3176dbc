using System.ComponentModel.DataAnnotations;

namespace Shop.Contracts.Inventory;

/// <summary>Every line of the order is held.</summary>
[MessageContract("inventory.stock-reserved.v1", ContractTopics.InventoryEvents)]
public record StockReserved(Guid OrderId) : IOrderMessage, IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        MessageValidation.OrderId(OrderId);
}
