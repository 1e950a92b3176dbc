using System.ComponentModel.DataAnnotations;
using Shop.Contracts;

namespace Shop.Messaging.Tests.Transactional;

/// <summary>A test contract on its own topic, so these tests never see the shop's traffic.</summary>
[MessageContract("test.widget-shipped.v1", WidgetTopics.Widgets)]
public record WidgetShipped(Guid OrderId, string Name) : IOrderMessage, IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            yield return new ValidationResult("Name is required.", [nameof(Name)]);
        }
    }
}
