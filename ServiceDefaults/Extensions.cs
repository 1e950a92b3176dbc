using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Shop.ServiceDefaults.Edge;
using Shop.ServiceDefaults.Errors;
using Shop.ServiceDefaults.Health;
using Shop.ServiceDefaults.OpenApi;
using Shop.ServiceDefaults.Telemetry;

namespace Microsoft.Extensions.Hosting;

// Shaped like the Aspire ServiceDefaults template so that the template's packages
// (OpenTelemetry.Extensions.Hosting, Microsoft.Extensions.Http.Resilience, Microsoft.Extensions.ServiceDiscovery)
// can replace the small equivalents here without touching the services.
public static class Extensions
{
    public const string LiveTag = "live";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();

        builder.AddDefaultHealthChecks();

        builder.AddRequestLimits();

        builder.AddDatabaseUnavailableAnswers();

        builder.Services.AddServiceDiscovery();

        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            // Resilience outside discovery: every retry goes through discovery again, so a reloaded
            // endpoint is picked up by the next attempt rather than the next call.
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } configuredName
            ? configuredName
            : builder.Environment.ApplicationName;

        var openTelemetry = new ServiceCollectionOpenTelemetryBuilder(builder.Services)
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddMeter([.. TelemetrySources.Meters, .. ConfiguredNames(builder.Configuration, "OpenTelemetry:Meters")]))
            .WithTracing(tracing => tracing
                .AddSource([.. TelemetrySources.ActivitySources, .. ConfiguredNames(builder.Configuration, "OpenTelemetry:Sources")]));

        builder.AddOpenTelemetryExporters(openTelemetry);

        // Without OpenTelemetry.Extensions.Hosting nothing builds the providers until someone asks for them,
        // and the ASP.NET Core request activity carries no HTTP attributes without the instrumentation package.
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, TelemetryHostedService>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, HttpServerTracingStartupFilter>());

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);

        return builder;
    }

    /// <summary>Body size and content-type limits on every service's HTTP API (<c>RequestLimits:*</c>).</summary>
    public static TBuilder AddRequestLimits<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.Configure<RequestLimitsOptions>(builder.Configuration.GetSection(RequestLimitsOptions.SectionName));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, RequestLimitsStartupFilter>());
        return builder;
    }

    /// <summary>A request that failed because the database could not serve it for the moment (a transient
    /// <see cref="System.Data.Common.DbException"/>, such as Npgsql's pool exhausted) is answered 503 with
    /// <c>Retry-After</c> by the service's <c>UseExceptionHandler()</c>, not 500.</summary>
    public static TBuilder AddDatabaseUnavailableAnswers<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddExceptionHandler<DatabaseUnavailableExceptionHandler>();
        return builder;
    }

    /// <summary>
    /// Titles the service's OpenAPI document, adds the health probes to it and names operations after their handlers;
    /// <see cref="MapDefaultEndpoints"/> then serves it at <c>/openapi/v1.json</c>. The service also calls
    /// <c>AddOpenApi()</c> itself: the OpenAPI source generator adds the endpoints' XML comments (summaries) only to
    /// calls it sees in the service's own assembly.
    /// </summary>
    public static TBuilder AddDefaultOpenApi<TBuilder>(this TBuilder builder, string title, string description)
        where TBuilder : IHostApplicationBuilder
    {
        var service = new ServiceApiDescription(title, description);
        builder.Services.AddSingleton(service);
        builder.Services.Configure<OpenApiOptions>(ServiceApiDescription.DocumentName, options => options
            .AddDocumentTransformer(new ServiceDocumentTransformer(service))
            .AddOperationTransformer(new HandlerNameOperationTransformer()));
        return builder;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // Served in every environment, unlike the Aspire template's Development-only mapping: it describes public
        // contracts (no secrets), the services run as Production under LocalHost and in containers, and the
        // page and API clients read it there.
        if (app.Services.GetService<ServiceApiDescription>() is not null)
        {
            app.MapOpenApi();
        }

        // Mapped in every environment, unlike the Aspire template: the services run as Production both
        // under LocalHost and in containers, and their orchestrators probe these endpoints there.
        app.MapHealthChecks(HealthEndpointPaths.Health, new HealthCheckOptions
        {
            ResponseWriter = HealthReportWriter.WriteAsync,
        });

        app.MapHealthChecks(HealthEndpointPaths.Alive, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(LiveTag),
            ResponseWriter = HealthReportWriter.WriteAsync,
        });

        return app;
    }

    private static TBuilder AddOpenTelemetryExporters<TBuilder>(this TBuilder builder, IOpenTelemetryBuilder openTelemetry)
        where TBuilder : IHostApplicationBuilder
    {
        // The exporter reads the rest of the standard OTEL_EXPORTER_OTLP_* variables itself.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            openTelemetry.UseOtlpExporter();
        }

        return builder;
    }

    private static IEnumerable<string> ConfiguredNames(IConfiguration configuration, string key) =>
        configuration.GetSection(key).GetChildren()
            .Select(child => child.Value)
            .OfType<string>()
            .Where(name => name.Length > 0);
}
