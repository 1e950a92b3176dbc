using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Shop.Testing;

namespace Shop.ServiceDefaults.Tests.Telemetry;

public sealed class OpenTelemetryTests
{
    private static readonly TimeSpan ExportDeadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Traces_an_aspnetcore_request_with_route_status_and_service_name()
    {
        // Arrange
        var exporter = new LockedCollection<Activity>();
        await using var app = await StartAsync(exporter);
        var orderId = Guid.NewGuid();

        // Act
        var response = await app.GetTestClient().GetAsync($"/telemetry-test/orders/{orderId}");

        // Assert
        response.EnsureSuccessStatusCode();
        var span = await Wait.ForAsync(
            () => exporter.Snapshot().FirstOrDefault(a => Equals(a.GetTagItem("url.path"), $"/telemetry-test/orders/{orderId}")),
            ExportDeadline,
            "the request span to be exported");
        span.Source.Name.Should().Be("Microsoft.AspNetCore");
        span.Kind.Should().Be(ActivityKind.Server);
        span.DisplayName.Should().Be("GET /telemetry-test/orders/{id}");
        span.GetTagItem("http.route").Should().Be("/telemetry-test/orders/{id}");
        span.GetTagItem("http.request.method").Should().Be("GET");
        span.GetTagItem("http.response.status_code").Should().Be(200);
        app.Services.GetRequiredService<TracerProvider>().GetResource().Attributes
            .Should().Contain(new KeyValuePair<string, object>("service.name", "telemetry-test"));
    }

    [Fact]
    public async Task Marks_a_server_error_reply_as_an_error_span()
    {
        // Arrange
        var exporter = new LockedCollection<Activity>();
        await using var app = await StartAsync(exporter);

        // Act
        var response = await app.GetTestClient().GetAsync("/telemetry-test/unavailable");

        // Assert
        ((int)response.StatusCode).Should().Be(503);
        var span = await Wait.ForAsync(
            () => exporter.Snapshot().FirstOrDefault(a => Equals(a.GetTagItem("url.path"), "/telemetry-test/unavailable")),
            ExportDeadline,
            "the failing request span to be exported");
        span.Status.Should().Be(ActivityStatusCode.Error);
        span.GetTagItem("http.response.status_code").Should().Be(503);
        span.GetTagItem("error.type").Should().Be("503");
    }

    [Fact]
    public async Task Marks_a_request_that_threw_as_an_error_span()
    {
        // Arrange
        var exporter = new LockedCollection<Activity>();
        await using var app = await StartAsync(exporter);

        // Act: the services' UseExceptionHandler() answers 500 problem+json
        var response = await app.GetTestClient().GetAsync("/telemetry-test/throw");

        // Assert
        ((int)response.StatusCode).Should().Be(500);
        var span = await Wait.ForAsync(
            () => exporter.Snapshot().FirstOrDefault(a => Equals(a.GetTagItem("url.path"), "/telemetry-test/throw")),
            ExportDeadline,
            "the failing request span to be exported");
        span.Status.Should().Be(ActivityStatusCode.Error);
        span.GetTagItem("http.response.status_code").Should().Be(500);
        span.GetTagItem("error.type").Should().Be("500");
    }

    [Fact]
    public async Task Does_not_record_health_probes()
    {
        // Arrange
        var exporter = new LockedCollection<Activity>();
        var requests = new ConcurrentDictionary<string, Activity>();
        await using var app = await StartAsync(exporter, requests);
        var client = app.GetTestClient();

        // Act
        await client.GetAsync("/health");
        await client.GetAsync("/alive");
        await client.GetAsync($"/telemetry-test/orders/{Guid.NewGuid()}");

        // Assert
        requests["/health"].Recorded.Should().BeFalse();
        requests["/alive"].Recorded.Should().BeFalse();
        var order = requests.Single(r => r.Key.StartsWith("/telemetry-test/orders/", StringComparison.Ordinal)).Value;
        order.Recorded.Should().BeTrue();
        await Wait.ForAsync(() => exporter.Snapshot().FirstOrDefault(a => a == order), ExportDeadline, "the order request span to be exported");
        exporter.Snapshot().Should().NotContain(requests["/health"]).And.NotContain(requests["/alive"]);
    }

    [Fact]
    public async Task Exports_traces_metrics_and_logs_over_otlp_when_an_endpoint_is_configured()
    {
        // Arrange: a stand-in collector on a real socket, since the exporter talks plain OTLP/HTTP
        var received = new ConcurrentQueue<string>();
        var collectorBuilder = WebApplication.CreateSlimBuilder();
        collectorBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var collector = collectorBuilder.Build();
        collector.MapPost("/v1/{signal}", (string signal) =>
        {
            received.Enqueue(signal);
            return Results.Ok();
        });
        await collector.StartAsync();

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Urls.Single();
        builder.Configuration["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        builder.AddServiceDefaults();
        using var source = new ActivitySource("Shop.Messaging");

        // Act
        using (var host = builder.Build())
        {
            await host.StartAsync();
            source.StartActivity("publish OrderSubmitted")?.Dispose();
            host.Services.GetRequiredService<ILogger<OpenTelemetryTests>>().LogInformation("Order {OrderId} submitted", 42);
            await host.StopAsync();
        }

        // Assert
        foreach (var signal in new[] { "traces", "metrics", "logs" })
        {
            await Wait.ForAsync(() => received.Contains(signal) ? signal : null, ExportDeadline, $"the collector to receive {signal}");
        }
    }

    private static async Task<WebApplication> StartAsync(
        LockedCollection<Activity> exporter,
        ConcurrentDictionary<string, Activity>? requests = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseTestServer();
        builder.Configuration["OTEL_SERVICE_NAME"] = "telemetry-test";
        builder.AddServiceDefaults();
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(exporter));

        var app = builder.Build();
        app.UseExceptionHandler();
        if (requests is not null)
        {
            // Runs inside the request's activity, after the instrumentation made its sampling decision.
            app.Use(async (context, next) =>
            {
                requests[context.Request.Path.Value!] = context.Features.GetRequiredFeature<IHttpActivityFeature>().Activity;
                await next(context);
            });
        }

        app.MapDefaultEndpoints();
        app.MapGet("/telemetry-test/orders/{id}", (Guid id) => Results.Ok(new { id }));
        app.MapGet("/telemetry-test/unavailable", () => Results.StatusCode(503));
        app.MapGet("/telemetry-test/throw", IResult () => throw new InvalidOperationException("boom"));
        await app.StartAsync();
        return app;
    }
}
