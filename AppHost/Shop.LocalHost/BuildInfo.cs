using System.Reflection;

namespace Shop.LocalHost;

/// <summary>Where this build of LocalHost came from, stamped in by the project file, so the services are
/// started from the same configuration's output without anyone passing paths around.</summary>
internal static class BuildInfo
{
    public static string RepoRoot { get; } = Path.TrimEndingDirectorySeparator(Path.GetFullPath(
        Environment.GetEnvironmentVariable("SHOP_REPO_ROOT") is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : Metadata("RepoRoot") ?? Directory.GetCurrentDirectory()));

    public static string Configuration { get; } = Metadata("BuildConfiguration") ?? "Debug";

    private static string? Metadata(string key) =>
        typeof(BuildInfo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(attribute => attribute.Key == key)?.Value is { Length: > 0 } value ? value : null;
}
