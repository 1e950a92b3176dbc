using System.ComponentModel.DataAnnotations;

namespace Shop.Contracts.Inventory;

/// <summary>The order is paid: turn its reservation into a sale (reserved → sold).</summary>
[MessageContract("inventory.commit-stock.v1", ContractTopics.InventoryCommands)]
public record CommitStock(Guid OrderId) : IOrderMessage, IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        MessageValidation.OrderId(OrderId);
}
