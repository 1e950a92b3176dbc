using Microsoft.AspNetCore.Http;

namespace Shop.ServiceDefaults.Health;

internal static class HealthEndpointPaths
{
    public const string Health = "/health";
    public const string Alive = "/alive";

    public static bool IsProbe(PathString path) =>
        Matches(path, Health) || Matches(path, Alive);

    private static bool Matches(PathString path, string endpoint) =>
        path.StartsWithSegments(endpoint, out var remaining) && remaining.Value is null or "" or "/";
}
