namespace Shop.Chaos;

/// <summary>What an order of the chaos traffic is expected to end as, whatever the faults do on the way.</summary>
public enum OrderKind
{
    /// <summary>A customer with money buys plentiful products: Completed, or Cancelled by a step deadline.</summary>
    Plain,

    /// <summary>Buys a product with a handful of units: Completed while they last, then Cancelled(OutOfStock).</summary>
    Scarce,

    /// <summary>A customer whose balance covers nothing: never Completed (PaymentDeclined, or a deadline).</summary>
    Broke,

    /// <summary>A plain order the customer cancels soon after placing it: CustomerCancelled, or Completed if too late.</summary>
    CustomerCancels,
}
