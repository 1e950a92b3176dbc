using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace Shop.AppHost.Tests.Manifest;

/// <summary>The AppHost's manifest, published once for the tests of a class the way azd publishes it
/// (<c>--publisher manifest --output-path</c>, which azd runs through <c>dotnet run</c>) and parsed.</summary>
public sealed class PublishedManifest : IAsyncLifetime
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(2);

    private readonly DirectoryInfo _output = Directory.CreateTempSubdirectory("shop-manifest-");
    private JsonDocument? _document;

    /// <summary>The exit code of the AppHost in publish mode.</summary>
    public int ExitCode { get; private set; }

    /// <summary>What the AppHost wrote while publishing, for assertion messages.</summary>
    public string Log { get; private set; } = "";

    /// <summary>Every resource of the manifest by name.</summary>
    public IReadOnlyDictionary<string, JsonElement> Resources { get; private set; } = new Dictionary<string, JsonElement>();

    public async Task InitializeAsync()
    {
        (ExitCode, Log) = await PublishAsync(_output.FullName);
        var file = Path.Combine(_output.FullName, "aspire-manifest.json");
        if (ExitCode != 0 || !File.Exists(file))
        {
            return; // the tests report it, with the log
        }

        _document = JsonDocument.Parse(await File.ReadAllTextAsync(file));
        Resources = _document.RootElement.GetProperty("resources").EnumerateObject()
            .ToDictionary(resource => resource.Name, resource => resource.Value);
    }

    public Task DisposeAsync()
    {
        _document?.Dispose();
        _output.Delete(recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>The resource's <c>type</c> (<c>project.v0</c>, <c>container.v0</c>, ...).</summary>
    public string TypeOf(string resource) => Resources[resource].GetProperty("type").GetString()!;

    /// <summary>A string property of the resource, or null when it has none.</summary>
    public string? StringOf(string resource, string property) =>
        Resources[resource].TryGetProperty(property, out var value) ? value.GetString() : null;

    /// <summary>The resource's <c>env</c>, empty when it has none.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentOf(string resource) =>
        Resources[resource].TryGetProperty("env", out var env)
            ? env.EnumerateObject().ToDictionary(variable => variable.Name, variable => variable.Value.GetString()!)
            : new Dictionary<string, string>();

    /// <summary>The resource's <c>bindings</c> by name, empty when it has none.</summary>
    public IReadOnlyDictionary<string, JsonElement> BindingsOf(string resource) =>
        Resources[resource].TryGetProperty("bindings", out var bindings)
            ? bindings.EnumerateObject().ToDictionary(binding => binding.Name, binding => binding.Value)
            : new Dictionary<string, JsonElement>();

    private static async Task<(int ExitCode, string Log)> PublishAsync(string outputPath)
    {
        var configuration = typeof(PublishedManifest).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        // The testing package's metadata names the AppHost's project folder.
        var projectFolder = Directory.Exists(Projects.Shop_AppHost.ProjectPath)
            ? Projects.Shop_AppHost.ProjectPath
            : Path.GetDirectoryName(Projects.Shop_AppHost.ProjectPath)!;
        var appHost = Path.Combine(projectFolder, "bin", configuration, "net10.0", "Shop.AppHost.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(appHost)!,
        };
        foreach (var argument in new[] { appHost, "--publisher", "manifest", "--output-path", outputPath })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(PublishTimeout);
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
