using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Shop.ServiceDefaults.Discovery;
using Shop.ServiceDefaults.Tests.Support;

namespace Shop.ServiceDefaults.Tests;

public sealed class ExtensionsTests
{
    [Fact]
    public async Task Every_http_client_gets_service_discovery_inside_the_resilience_pipeline()
    {
        // Arrange: the endpoint moves after the first attempt fails; only a retry that resolves again follows it
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["services:inventory:http:0"] = "http://localhost:5123";
        builder.Configuration["HttpClient:Resilience:Retry:Delay"] = "00:00:00";
        var network = new StubHandler((request, attempt, _) =>
        {
            if (attempt == 1)
            {
                builder.Configuration["services:inventory:http:0"] = "http://localhost:6123";
            }

            return Task.FromResult(new HttpResponseMessage(attempt == 1 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK)
            {
                RequestMessage = request,
            });
        });
        builder.AddServiceDefaults();
        builder.Services.AddHttpClient("inventory").ConfigurePrimaryHttpMessageHandler(() => network);
        using var host = builder.Build();
        var client = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient("inventory");

        // Act
        var response = await client.GetAsync("http://inventory/api/products?sku=A-1");

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        network.RequestUris.Should().Equal(
            new Uri("http://localhost:5123/api/products?sku=A-1"),
            new Uri("http://localhost:6123/api/products?sku=A-1"));
    }

    [Fact]
    public async Task An_unconfigured_service_fails_without_being_retried()
    {
        // Arrange
        var network = StubHandler.Returning(HttpStatusCode.OK);
        var builder = Host.CreateApplicationBuilder();
        builder.AddServiceDefaults();
        builder.Services.AddHttpClient("payments").ConfigurePrimaryHttpMessageHandler(() => network);
        using var host = builder.Build();
        var client = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient("payments");

        // Act
        var act = () => client.GetAsync("http://payments/api/charges");

        // Assert
        await act.Should().ThrowAsync<ServiceDiscoveryException>().WithMessage("*'payments'*'services:payments:http:0'*");
        network.Calls.Should().Be(0);
    }

    [Fact]
    public async Task Traces_sources_named_in_configuration()
    {
        // Arrange
        var sourceName = $"Shop.Tests.Custom.{Guid.NewGuid():N}";
        var exporter = new CollectingExporter();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["OpenTelemetry:Sources:0"] = sourceName;
        builder.AddServiceDefaults();
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing =>
            tracing.AddProcessor(new SimpleActivityExportProcessor(exporter)));
        using var host = builder.Build();
        await host.StartAsync();
        using var source = new ActivitySource(sourceName);

        // Act
        source.StartActivity("reserve stock")?.Dispose();

        // Assert
        exporter.Exported.Should().ContainSingle(a => a.Source.Name == sourceName);
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
