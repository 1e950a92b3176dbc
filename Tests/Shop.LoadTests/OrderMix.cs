using System.Globalization;

namespace Shop.LoadTests;

/// <summary>Shares of the three outcomes the generator asks for, in percent: a paid order, one for a product with no
/// stock (cancelled, OutOfStock) and one by a customer without money (cancelled, PaymentDeclined).</summary>
public sealed record OrderMix(int Success, int OutOfStock, int Declined)
{
    public static readonly OrderMix Default = new(90, 5, 5);

    /// <summary>Parses <c>90/5/5</c>; the shares must add up to 100.</summary>
    public static OrderMix? Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 3 || !parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            return null;
        }

        var values = parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return values.Sum() == 100 ? new OrderMix(values[0], values[1], values[2]) : null;
    }

    public OrderKind Pick(int percentile) =>
        percentile < Success ? OrderKind.Success
        : percentile < Success + OutOfStock ? OrderKind.OutOfStock
        : OrderKind.Declined;

    public override string ToString() => $"{Success}/{OutOfStock}/{Declined}";
}
