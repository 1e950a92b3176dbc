using System.ComponentModel.DataAnnotations;

namespace Shop.Contracts.Inventory;

/// <summary>Hold stock for every line of the order, all or nothing.</summary>
[MessageContract("inventory.reserve-stock.v1", ContractTopics.InventoryCommands)]
public record ReserveStock(Guid OrderId, IReadOnlyList<OrderLine> Lines) : IOrderMessage, IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        MessageValidation.OrderId(OrderId)
            .Concat(MessageValidation.Lines(Lines, line => line.Sku, line => line.Quantity));
}
