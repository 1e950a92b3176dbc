using System.ComponentModel.DataAnnotations;

namespace Shop.Contracts.Inventory;

/// <summary>Compensation: give back what the order holds, if it holds anything.</summary>
[MessageContract("inventory.release-stock.v1", ContractTopics.InventoryCommands)]
public record ReleaseStock(Guid OrderId) : IOrderMessage, IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        MessageValidation.OrderId(OrderId);
}
