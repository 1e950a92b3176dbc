using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Shop.ServiceDefaults.Edge;

// In front of the whole pipeline, so no service's Program.cs has to remember it and nothing downstream
// (exception handler, model binding, hand-written body readers) ever reads an oversized or non-JSON body.
internal sealed class RequestLimitsStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<RequestLimitsMiddleware>();
        next(app);
    };
}
