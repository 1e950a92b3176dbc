using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Shop.ServiceDefaults.Telemetry;
using Shop.Testing;

namespace Shop.ServiceDefaults.Tests;

public sealed class ExtensionsTests
{
    [Fact]
    public async Task Traces_every_source_of_the_project()
    {
        // Arrange
        var exported = new LockedCollection<Activity>();
        var builder = Host.CreateApplicationBuilder();
        builder.AddServiceDefaults();
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(exported));
        using var host = builder.Build();
        await host.StartAsync();

        // Act
        foreach (var name in ShopTelemetry.ActivitySources)
        {
            using var source = new ActivitySource(name);
            source.StartActivity($"{name} test span")?.Dispose();
        }

        // Assert
        exported.Snapshot().Select(a => a.Source.Name).Should().BeEquivalentTo(ShopTelemetry.ActivitySources);
        await host.StopAsync();
    }

    [Fact]
    public async Task Collects_every_meter_of_the_project()
    {
        // Arrange
        var exported = new LockedCollection<Metric>();
        var builder = Host.CreateApplicationBuilder();
        builder.AddServiceDefaults();
        builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(exported));
        using var host = builder.Build();
        await host.StartAsync();
        var meters = ShopTelemetry.Meters.Select(name => new Meter(name)).ToList();

        // Act
        foreach (var meter in meters)
        {
            meter.CreateCounter<long>("shop.test.count").Add(1);
        }

        host.Services.GetRequiredService<MeterProvider>().ForceFlush().Should().BeTrue();

        // Assert
        exported.Snapshot().Where(m => m.Name == "shop.test.count").Select(m => m.MeterName)
            .Should().BeEquivalentTo(ShopTelemetry.Meters);
        meters.ForEach(meter => meter.Dispose());
        await host.StopAsync();
    }

    [Fact]
    public async Task Starting_the_host_builds_the_tracer_provider()
    {
        // Arrange
        var built = false;
        var builder = Host.CreateApplicationBuilder();
        builder.AddServiceDefaults();
        builder.Services.ConfigureOpenTelemetryTracerProvider((_, _) => built = true);
        using var host = builder.Build();

        // Act
        await host.StartAsync();
        await host.StopAsync();

        // Assert
        built.Should().BeTrue();
    }
}
