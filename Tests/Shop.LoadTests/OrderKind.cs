namespace Shop.LoadTests;

/// <summary>What the generator expects of an order it places (the invariants hold whichever way it ends).</summary>
public enum OrderKind
{
    Success,
    OutOfStock,
    Declined,
}
