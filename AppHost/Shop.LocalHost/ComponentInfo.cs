namespace Shop.LocalHost;

/// <summary>One running component as <c>.shop/state.json</c> lists it: services have a URL, the
/// infrastructure a port. The Kafka mock cluster runs inside LocalHost, so its pid is LocalHost's.</summary>
public sealed record ComponentInfo(string Name, int Pid, Uri? Url = null, int? Port = null)
{
    /// <summary>Only for <c>kafka</c>: the three brokers' addresses, the value of <c>ConnectionStrings__kafka</c>.</summary>
    public string? BootstrapServers { get; init; }
}
