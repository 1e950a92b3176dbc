using System.ComponentModel.DataAnnotations;

namespace Shop.Contracts.Inventory;

/// <summary>The order's stock is sold: on hand and reserved both lowered.</summary>
[MessageContract("inventory.stock-committed.v1", ContractTopics.InventoryEvents)]
public record StockCommitted(Guid OrderId) : IOrderMessage, IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        MessageValidation.OrderId(OrderId);
}
