using System.ComponentModel.DataAnnotations;

namespace Shop.Contracts.Inventory;

/// <summary>The order holds no stock any more (released now, or it never held any).</summary>
[MessageContract("inventory.stock-released.v1", ContractTopics.InventoryEvents)]
public record StockReleased(Guid OrderId) : IOrderMessage, IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        MessageValidation.OrderId(OrderId);
}
