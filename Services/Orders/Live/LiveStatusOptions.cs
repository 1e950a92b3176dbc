namespace Shop.Orders.Live;

/// <summary>Timing of <c>GET /api/orders/{id}/events</c> (configuration section <c>Orders:LiveStatus</c>).</summary>
public sealed class LiveStatusOptions
{
    public const string Section = "Orders:LiveStatus";

    /// <summary>How often an idle stream sends a comment line, so proxies and browsers keep it open.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often a stream re-reads its order without a notification, in case one was lost.</summary>
    public TimeSpan SafetyReadInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a browser waits before reconnecting a stream that broke (the SSE <c>retry:</c> field).</summary>
    public TimeSpan ClientRetry { get; set; } = TimeSpan.FromSeconds(2);
}
