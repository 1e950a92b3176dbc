using System.ComponentModel.DataAnnotations;
using Shop.Contracts.Orders;

namespace Shop.Contracts;

/// <summary>Small checks the contracts share, so a malformed message is refused by the consumer (and
/// dead-lettered) instead of reaching a handler.</summary>
internal static class MessageValidation
{
    public static IEnumerable<ValidationResult> OrderId(Guid orderId)
    {
        if (orderId == Guid.Empty)
        {
            yield return new ValidationResult("The order id must not be empty.", [nameof(IOrderMessage.OrderId)]);
        }
    }

    public static IEnumerable<ValidationResult> Required(string? value, string member)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            yield return new ValidationResult($"{member} is required.", [member]);
        }
    }

    public static IEnumerable<ValidationResult> NotNegative(decimal amount, string member)
    {
        if (amount < 0)
        {
            yield return new ValidationResult($"{member} must not be negative.", [member]);
        }
    }

    public static IEnumerable<ValidationResult> Steps(IReadOnlyList<OrderStepChange>? steps)
    {
        if (steps is null || steps.Count == 0)
        {
            yield return new ValidationResult("At least one step is required.", ["Steps"]);
            yield break;
        }

        for (var i = 0; i < steps.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(steps[i]?.Step))
            {
                yield return new ValidationResult($"Steps[{i}].Step is required.", [$"Steps[{i}].Step"]);
            }

            if (string.IsNullOrWhiteSpace(steps[i]?.Status))
            {
                yield return new ValidationResult($"Steps[{i}].Status is required.", [$"Steps[{i}].Status"]);
            }
        }
    }

    public static IEnumerable<ValidationResult> Lines<TLine>(IReadOnlyList<TLine>? lines, Func<TLine, string?> sku, Func<TLine, int> quantity)
    {
        if (lines is null || lines.Count == 0)
        {
            yield return new ValidationResult("At least one line is required.", ["Lines"]);
            yield break;
        }

        for (var i = 0; i < lines.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(sku(lines[i])))
            {
                yield return new ValidationResult($"Lines[{i}].Sku is required.", [$"Lines[{i}].Sku"]);
            }

            if (quantity(lines[i]) <= 0)
            {
                yield return new ValidationResult($"Lines[{i}].Quantity must be positive.", [$"Lines[{i}].Quantity"]);
            }
        }
    }
}
