namespace Shop.LocalHost.State;

/// <summary>One entry of <c>.shop/state.json</c>: <c>url</c> for services, <c>port</c> for the others.</summary>
public sealed record StateComponent(string Name, int Pid, string? Url = null, int? Port = null, string? BootstrapServers = null)
{
    public static StateComponent From(ComponentInfo component) => new(
        component.Name,
        component.Pid,
        component.Url?.GetLeftPart(UriPartial.Authority),
        component.Port,
        component.BootstrapServers);
}
