using Shop.Contracts;

namespace Shop.Orders.Pricing;

/// <summary>The lines priced, or the inventory's field errors (unknown SKUs), or neither: inventory unavailable.</summary>
public sealed class PricingResult
{
    public static readonly PricingResult Unavailable = new(null, null);

    private PricingResult(IReadOnlyList<PricedOrderLine>? lines, IDictionary<string, string[]>? errors)
    {
        Lines = lines;
        Errors = errors;
    }

    public IReadOnlyList<PricedOrderLine>? Lines { get; }

    public IDictionary<string, string[]>? Errors { get; }

    public static PricingResult Priced(IReadOnlyList<PricedOrderLine> lines) => new(lines, null);

    public static PricingResult Rejected(IDictionary<string, string[]> errors) => new(null, errors);
}
