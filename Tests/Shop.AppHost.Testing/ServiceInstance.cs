namespace Shop.AppHost.Testing;

/// <summary>One replica of a service as the AppHost last reported it.</summary>
/// <param name="ResourceId">The replica's own name (DCP's), which the resource commands take.</param>
/// <param name="Service">The resource's name: <c>orders</c>, <c>inventory</c>, ...</param>
/// <param name="Url">The replica's own address (not the endpoint the replicas share), when it has one yet.</param>
/// <param name="LauncherPid">The pid the AppHost reports: <c>dotnet run</c>'s, whose child is the service.</param>
/// <param name="State">Its state as the dashboard shows it: Starting, Running, Exited, ...</param>
public sealed record ServiceInstance(string ResourceId, string Service, Uri? Url, int? LauncherPid, string? State);
