using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace Shop.AppHost.Tests;

/// <summary>The AppHost's publish mode (<c>--publisher manifest</c>), the way azd reads it.</summary>
public sealed class ManifestTests
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task The_manifest_has_every_service_with_its_references_and_the_infrastructure()
    {
        // Arrange
        var output = Directory.CreateTempSubdirectory("shop-manifest-");
        try
        {
            // Act
            var (exitCode, log) = await PublishAsync(output.FullName);

            // Assert
            exitCode.Should().Be(0, log);
            using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output.FullName, "aspire-manifest.json")));
            var resources = manifest.RootElement.GetProperty("resources");
            foreach (var service in new[] { "orders", "inventory", "payments", "orchestrator" })
            {
                resources.TryGetProperty(service, out var resource).Should().BeTrue($"{service} is published");
                resource.GetProperty("type").GetString().Should().StartWith("project.");
                resource.GetProperty("env").TryGetProperty("ConnectionStrings__kafka", out _).Should().BeTrue();
            }

            foreach (var infrastructure in new[] { "postgres", "ordersdb", "inventorydb", "paymentsdb", "orchestratordb", "cache", "kafka" })
            {
                resources.TryGetProperty(infrastructure, out _).Should().BeTrue($"{infrastructure} is published");
            }

            resources.GetProperty("orders").GetProperty("env").GetProperty("services__inventory__http__0").GetString()
                .Should().Contain("inventory");
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Log)> PublishAsync(string outputPath)
    {
        var configuration = typeof(ManifestTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
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
