using System.Reflection;

namespace Shop.AppHost.Infrastructure;

/// <summary>Where a referenced project's build output is: the AppHost's own configuration, next to its project file.</summary>
internal static class BuildOutput
{
    private static readonly string Configuration =
        typeof(BuildOutput).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string EntryAssembly(string projectPath, string assemblyName) =>
        Path.Combine(Path.GetDirectoryName(projectPath)!, "bin", Configuration, "net10.0", assemblyName + ".dll");

    /// <summary>The dotnet host the SDK runs on, else the one on PATH.</summary>
    public static string Dotnet() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
