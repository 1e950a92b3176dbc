namespace Shop.ServiceDefaults.Telemetry;

// ActivitySources and Meters that .NET, ASP.NET Core and the libraries emit natively: the OpenTelemetry
// instrumentation packages are not available here, so these names are what gives the traces and metrics.
// A service adds its own with OpenTelemetry:Sources / OpenTelemetry:Meters in configuration, or with
// services.ConfigureOpenTelemetryTracerProvider(t => t.AddSource(...)).
public static class TelemetrySources
{
    public static IReadOnlyList<string> ActivitySources { get; } =
    [
        // ASP.NET Core's request activity comes from this source (not "Microsoft.AspNetCore.Hosting").
        "Microsoft.AspNetCore",
        "System.Net.Http",
        "Npgsql",
        "MassTransit",
        "Shop.Messaging",
        "Shop.Saga",
    ];

    public static IReadOnlyList<string> Meters { get; } =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.RateLimiting",
        "System.Net.Http",
        "System.Net.NameResolution",
        "System.Runtime",
        "Npgsql",
        "MassTransit",
        "Shop.Messaging",
        "Shop.Saga",
        "Shop.Redis",
        "Shop.RateLimiting",
        "Shop.Admission",
        "Shop.ProductCache",
    ];
}
