using Microsoft.Extensions.Options;

namespace Shop.Orders.Admission;

/// <summary>
/// Refuses <c>POST /api/orders</c> with 503 while <see cref="PlacementAdmissionOptions.MaxUnfinishedOrders"/> orders are
/// unfinished. It runs before the handler reads the body: a refusal stores nothing, costs no per-customer token and no
/// database or Redis round trip, so refusing the excess stays cheap when the system is past its capacity.
/// </summary>
public sealed class UnfinishedOrdersAdmissionFilter(
    IOptions<PlacementAdmissionOptions> options, UnfinishedOrders unfinished, AdmissionMetrics metrics) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var settings = options.Value;
        if (!settings.Enabled || settings.MaxUnfinishedOrders <= 0)
        {
            return await next(context);
        }

        if (!unfinished.TryAdmit(settings.MaxUnfinishedOrders))
        {
            metrics.BacklogRefusal();
            return PlacementRefusal.Problem(
                context.HttpContext,
                settings.RetryAfter,
                "Too many orders are waiting to be processed.",
                $"{settings.MaxUnfinishedOrders} or more accepted orders are not finished yet");
        }

        try
        {
            return await next(context);
        }
        finally
        {
            // Its order is committed by now, if it made one: the next count includes it.
            unfinished.PlacementEnded();
        }
    }
}
