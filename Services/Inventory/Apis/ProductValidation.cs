using System.Text.RegularExpressions;
using Shop.Inventory.Domain;

namespace Shop.Inventory.Apis;

/// <summary>Field checks of the product endpoints, as a <c>ValidationProblem</c>'s errors map (camelCase keys).</summary>
public static partial class ProductValidation
{
    public static Dictionary<string, string[]> Put(string sku, ProductRequest? request)
    {
        var errors = new Dictionary<string, string[]>();
        if (!SkuPattern().IsMatch(sku))
        {
            errors["sku"] = [$"A SKU is 1 to {Product.MaxSkuLength} characters of A-Z, a-z, 0-9, '-', '_' and '.'."];
        }

        if (request is null)
        {
            errors["body"] = ["A body { name, unitPrice, onHand } is required."];
            return errors;
        }

        if (string.IsNullOrWhiteSpace(request.Name))
        {
            errors["name"] = ["The name is required."];
        }
        else if (request.Name.Length > Product.MaxNameLength)
        {
            errors["name"] = [$"The name has at most {Product.MaxNameLength} characters."];
        }

        if (request.UnitPrice is not { } price)
        {
            errors["unitPrice"] = ["The unit price is required."];
        }
        else if (price < 0 || decimal.Round(price, 2) != price || price >= 10_000_000_000_000_000m)
        {
            errors["unitPrice"] = ["The unit price is a non-negative amount with at most 2 decimals and 16 digits before them."];
        }

        if (request.OnHand is not { } onHand)
        {
            errors["onHand"] = ["The quantity on hand is required."];
        }
        else if (onHand < 0 || decimal.Truncate(onHand) != onHand || onHand > int.MaxValue)
        {
            errors["onHand"] = [$"The quantity on hand is a whole number from 0 to {int.MaxValue}."];
        }

        return errors;
    }

    public static Dictionary<string, string[]> Price(PriceRequest? request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request?.Items is not { Count: > 0 } items)
        {
            errors["items"] = ["At least one item is required."];
            return errors;
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
            {
                errors[$"items[{i}]"] = ["The item is required."];
                continue;
            }

            if (string.IsNullOrWhiteSpace(items[i].Sku))
            {
                errors[$"items[{i}].sku"] = ["The SKU is required."];
            }

            if (items[i].Quantity <= 0)
            {
                errors[$"items[{i}].quantity"] = ["The quantity must be positive."];
            }
        }

        return errors;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex SkuPattern();
}
