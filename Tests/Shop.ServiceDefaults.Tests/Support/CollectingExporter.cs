using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;

namespace Shop.ServiceDefaults.Tests.Support;

// OpenTelemetry.Exporter.InMemory is not in the feed; this is all of it that the tests need.
internal sealed class CollectingExporter : BaseExporter<Activity>
{
    public ConcurrentQueue<Activity> Exported { get; } = new();

    public override ExportResult Export(in Batch<Activity> batch)
    {
        foreach (var activity in batch)
        {
            Exported.Enqueue(activity);
        }

        return ExportResult.Success;
    }
}
