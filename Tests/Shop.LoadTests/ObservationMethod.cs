namespace Shop.LoadTests;

public enum ObservationMethod
{
    /// <summary>Adaptive polling of <c>GET /api/orders/{id}</c>.</summary>
    Poll,

    /// <summary>One Server-Sent Events stream per order, <c>GET /api/orders/{id}/events</c>.</summary>
    Events,
}
