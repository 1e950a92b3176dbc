using System.Text.Json;

namespace Shop.Orders.Apis;

/// <summary>
/// Turns a body that is valid JSON but holds a value of the wrong type or range (a quantity of 1e12, a SKU that is
/// a number) into a field error named the way the client wrote the field (<c>items[0].quantity</c>), like any other
/// validation error. Broken JSON syntax has no field to name and stays a plain 400.
/// </summary>
public static class JsonFieldErrors
{
    public static Dictionary<string, string[]>? From(JsonException exception)
    {
        // The reader's syntax errors arrive wrapped around the reader's own JsonException; conversion errors do not.
        if (exception.InnerException is JsonException || exception.Path is not { Length: > 2 } path || !path.StartsWith("$.", StringComparison.Ordinal))
        {
            return null;
        }

        var field = path[2..];
        return new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            [field] = [$"{field} has a value of the wrong type or out of range."],
        };
    }
}
