using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Npgsql;
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

// The Aspire ServiceDefaults template (OpenTelemetry.Extensions.Hosting and its instrumentation, Microsoft.Extensions.
// ServiceDiscovery, Microsoft.Extensions.Http.Resilience). The project's own additions are marked "Shop:" with why.
public static class Extensions
{
    public const string LiveTag = "live";

    /// <summary>Configuration section of the standard resilience pipeline's options, for every HttpClient.</summary>
    public const string HttpResilienceSection = "HttpClient:Resilience";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();

        builder.AddDefaultHealthChecks();

        builder.Services.AddServiceDiscovery();

        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            // Resilience outside discovery: each retry is resolved again, so it goes to the next replica.
            http.AddStandardResilienceHandler()
                // Shop: the services' and tests' settings (HttpClient:Resilience:Retry:MaxRetryAttempts, ...), bound
                // here because the library's section overload refuses a section that is absent, as it is by default.
                .Configure(options => builder.Configuration.GetSection(HttpResilienceSection).Bind(options))
                // Shop: one pipeline, hence one circuit breaker, per called service. Registered for every client at
                // once, the standard pipeline is one instance, and one failing service would open the circuit for
                // calls to all the others (dotnet/extensions#5021). The authority is the logical name
                // ("inventory"), discovery resolving it further in.
                .SelectPipelineByAuthority();
            http.AddServiceDiscovery();
        });

        // Shop: body limits every API shares, and 503 + Retry-After (not 500) for a database that is away for the moment.
        builder.AddRequestLimits();
        builder.AddDatabaseUnavailableAnswers();

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

        var openTelemetry = builder.Services.AddOpenTelemetry();

        // Shop: without OTEL_SERVICE_NAME (Aspire and LocalHost set it) the SDK would say "unknown_service:dotnet".
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"]))
        {
            openTelemetry.ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName));
        }

        openTelemetry
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                // Shop: the services' database is PostgreSQL; Npgsql meters its pools and commands.
                .AddNpgsqlInstrumentation()
                // Shop: the project's own meters (messaging, saga, admission, rate limiting, cache), by name.
                .AddMeter([.. ShopTelemetry.Meters]))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddAspNetCoreInstrumentation(aspNetCore =>
                    // Health probes every few seconds would bury the traces; the filter also leaves the checks'
                    // own database and broker calls unsampled.
                    aspNetCore.Filter = context => !HealthEndpointPaths.IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation()
                // Shop: every database call of a request or handler, as a child of its span.
                .AddNpgsql()
                // Shop: the project's own sources (the Kafka hops of the outbox and inbox, the saga), by name.
                .AddSource([.. ShopTelemetry.ActivitySources]));

        builder.AddOpenTelemetryExporters();

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

    private static TBuilder AddOpenTelemetryExporters<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        // Only when an endpoint is set (Aspire sets it): without one there is no exporter to feed, and nothing is
        // batched or sent. The exporter reads the rest of the standard OTEL_EXPORTER_OTLP_* variables itself.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
            builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, TelemetryFlushOnStop>());
        }

        return builder;
    }
}
