using System.Diagnostics;

namespace Shop.AppHost.Infrastructure;

/// <summary>How the AppHost provides PostgreSQL, Redis and Kafka (<c>Shop:Infrastructure</c>).</summary>
public enum InfrastructureMode
{
    /// <summary>Aspire's container integrations, and Kafka as a container of the project's own.</summary>
    Containers,

    /// <summary>Executables from local binaries: a throw-away PostgreSQL cluster, redis-server, Shop.KafkaBroker.</summary>
    Local,
}

public static class InfrastructureChoice
{
    public const string ConfigurationKey = "Shop:Infrastructure";

    /// <summary><c>containers</c> or <c>local</c> when configured; otherwise containers where a container runtime
    /// answers (the one Aspire would use: <c>ASPIRE_CONTAINER_RUNTIME</c>, else docker, else podman) and local
    /// binaries where none does. Publish mode always describes containers.</summary>
    public static (InfrastructureMode Mode, string Reason) Choose(IDistributedApplicationBuilder builder)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            return (InfrastructureMode.Containers, "publish mode");
        }

        var configured = builder.Configuration[ConfigurationKey];
        if (!string.IsNullOrWhiteSpace(configured) && !configured.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            return Enum.TryParse<InfrastructureMode>(configured, ignoreCase: true, out var mode)
                ? (mode, $"{ConfigurationKey}={configured}")
                : throw new InvalidOperationException($"{ConfigurationKey} must be containers, local or auto, not '{configured}'");
        }

        var runtimes = Environment.GetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME") is { Length: > 0 } named
            ? [named]
            : new[] { "docker", "podman" };
        foreach (var runtime in runtimes)
        {
            if (Answers(runtime))
            {
                return (InfrastructureMode.Containers, $"'{runtime} info' answers");
            }
        }

        return (InfrastructureMode.Local, $"no container runtime answers ({string.Join(", ", runtimes)})");
    }

    private static bool Answers(string runtime)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(runtime, "info")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return false;
            }

            process.StandardOutput.ReadToEndAsync();
            process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // not installed
        }
    }
}
