using Shop.Orders.Domain;

namespace Shop.Orders.Apis;

/// <summary>The rules of <c>POST /api/orders</c>, keyed the way the client named the fields.</summary>
public static class SubmitOrderValidator
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static Dictionary<string, string[]> Validate(string? idempotencyKey, SubmitOrderRequest request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);

        if (string.IsNullOrWhiteSpace(idempotencyKey))
        {
            errors[IdempotencyKeyHeader] = [$"The {IdempotencyKeyHeader} header is required."];
        }
        else if (idempotencyKey.Length > Order.MaxIdempotencyKeyLength)
        {
            errors[IdempotencyKeyHeader] = [$"The {IdempotencyKeyHeader} header must be at most {Order.MaxIdempotencyKeyLength} characters."];
        }

        if (string.IsNullOrWhiteSpace(request.CustomerId))
        {
            errors["customerId"] = ["customerId is required."];
        }
        else if (request.CustomerId.Length > Order.MaxCustomerIdLength)
        {
            errors["customerId"] = [$"customerId must be at most {Order.MaxCustomerIdLength} characters."];
        }

        if (request.Items is null || request.Items.Count == 0)
        {
            errors["items"] = ["At least one item is required."];
            return errors;
        }

        if (request.Items.Count > Order.MaxLines)
        {
            errors["items"] = [$"An order has at most {Order.MaxLines} items."];
            return errors;
        }

        for (var i = 0; i < request.Items.Count; i++)
        {
            ValidateItem(request.Items[i], $"items[{i}]", errors);
        }

        return errors;
    }

    private static void ValidateItem(SubmitOrderItem? item, string prefix, Dictionary<string, string[]> errors)
    {
        if (item is null)
        {
            errors[prefix] = ["The item is required."];
            return;
        }

        if (string.IsNullOrWhiteSpace(item.Sku))
        {
            errors[$"{prefix}.sku"] = ["sku is required."];
        }
        else if (item.Sku.Length > Order.MaxSkuLength)
        {
            errors[$"{prefix}.sku"] = [$"sku must be at most {Order.MaxSkuLength} characters."];
        }

        if (item.Quantity is null or < 1 or > Order.MaxQuantity)
        {
            errors[$"{prefix}.quantity"] = [$"quantity must be between 1 and {Order.MaxQuantity}."];
        }
    }
}
