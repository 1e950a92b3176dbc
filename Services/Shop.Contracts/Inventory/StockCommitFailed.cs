using System.ComponentModel.DataAnnotations;

namespace Shop.Contracts.Inventory;

/// <summary>The reservation could not be committed (its hold expired or it was released).</summary>
[MessageContract("inventory.stock-commit-failed.v1", ContractTopics.InventoryEvents)]
public record StockCommitFailed(Guid OrderId, string Reason) : IOrderMessage, IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        MessageValidation.OrderId(OrderId)
            .Concat(MessageValidation.Required(Reason, nameof(Reason)));
}
