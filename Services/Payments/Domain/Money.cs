namespace Shop.Payments.Domain;

/// <summary>Amounts are stored as numeric(18,2); anything finer would be rounded silently by the database.</summary>
public static class Money
{
    public const int Scale = 2;

    public const int Precision = 18;

    public static bool IsValid(decimal amount) => amount >= 0 && decimal.Round(amount, Scale) == amount;

    /// <summary>The amount with exactly two decimal places (<c>100</c> becomes <c>100.00</c>), as the database returns it.</summary>
    public static decimal ToCents(decimal amount) => decimal.Round(amount, Scale) + 0.00m;

    public static void EnsureValid(decimal amount, string paramName)
    {
        if (!IsValid(amount))
        {
            throw new ArgumentOutOfRangeException(paramName, amount, "An amount must be at least 0 with at most 2 decimal places.");
        }
    }
}
