using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Shop.ServiceDefaults.Health;

namespace Shop.ServiceDefaults.Telemetry;

// ASP.NET Core starts a bare "Microsoft.AspNetCore.Hosting.HttpRequestIn" activity: no method, route or status.
// OpenTelemetry.Instrumentation.AspNetCore would add them but is not available, so this middleware, placed in
// front of the whole pipeline, adds the HTTP semantic-convention attributes and drops health probes, which
// would otherwise fill the traces with a span every few seconds.
internal sealed class HttpServerTracingStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(TraceRequestAsync);
        next(app);
    };

    private static async Task TraceRequestAsync(HttpContext context, RequestDelegate next)
    {
        var activity = context.Features.Get<IHttpActivityFeature>()?.Activity;
        if (activity is null || !activity.IsAllDataRequested)
        {
            await next(context);
            return;
        }

        if (HealthEndpointPaths.IsProbe(context.Request.Path))
        {
            // Cleared flags also reach outgoing calls made by the checks, so their spans are not sampled either.
            activity.IsAllDataRequested = false;
            activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
            await next(context);
            return;
        }

        var request = context.Request;
        activity.SetTag("http.request.method", request.Method);
        activity.SetTag("url.scheme", request.Scheme);
        activity.SetTag("url.path", request.Path.Value);
        activity.SetTag("server.address", request.Host.Host);
        if (request.Host.Port is int port)
        {
            activity.SetTag("server.port", port);
        }

        Exception? failure = null;
        try
        {
            await next(context);
        }
        catch (Exception exception)
        {
            failure = exception;
            throw;
        }
        finally
        {
            // An exception escaping the pipeline becomes a 500 once hosting handles it, after this middleware.
            var statusCode = failure is not null && !context.Response.HasStarted ? 500 : context.Response.StatusCode;
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;

            activity.DisplayName = route is null ? request.Method : $"{request.Method} {route}";
            activity.SetTag("http.route", route);
            activity.SetTag("http.response.status_code", statusCode);

            if (failure is not null)
            {
                activity.AddException(failure);
                activity.SetTag("error.type", failure.GetType().FullName);
                activity.SetStatus(ActivityStatusCode.Error, failure.Message);
            }
            else if (statusCode >= 500)
            {
                activity.SetTag("error.type", statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
                activity.SetStatus(ActivityStatusCode.Error);
            }
        }
    }
}
