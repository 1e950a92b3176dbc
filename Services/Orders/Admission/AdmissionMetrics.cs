using System.Diagnostics.Metrics;

namespace Shop.Orders.Admission;

/// <summary>The backlog bound's instruments on the <c>Shop.Admission</c> Meter (ServiceDefaults subscribes to it). The
/// concurrency limit's refusals are counted by ASP.NET Core's own <c>aspnetcore.rate_limiting.*</c> instruments.</summary>
public sealed class AdmissionMetrics
{
    public const string MeterName = "Shop.Admission";

    private readonly Counter<long> _backlogRefusals;

    public AdmissionMetrics(IMeterFactory meters, UnfinishedOrders unfinished)
    {
        // From the factory, so the meter and the gauge's hold on this instance's estimate end with the host.
        var meter = meters.Create(MeterName);
        _backlogRefusals = meter.CreateCounter<long>(
            "shop.admission.backlog_refusals", description: "Placements refused because too many accepted orders are unfinished");
        meter.CreateObservableGauge(
            "shop.admission.unfinished_orders",
            () => unfinished.Estimate is { } estimate ? [new Measurement<long>(estimate)] : Array.Empty<Measurement<long>>(),
            description: "Orders not yet Completed or Cancelled, across all instances, as this instance estimates them");
    }

    public void BacklogRefusal() => _backlogRefusals.Add(1);
}
