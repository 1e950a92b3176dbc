using System.Diagnostics.Metrics;
using Shop.Inventory.Caching;

namespace Shop.Inventory.Tests.Support;

/// <summary>Sums what a counter of the product cache records while it is alive (optionally only one tag's value).</summary>
public sealed class CounterListener : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _total;

    public CounterListener(string instrument, (string Key, string Value)? tag = null)
    {
        _listener.InstrumentPublished = (i, listener) =>
        {
            if (i.Meter.Name == ProductCacheTelemetry.MeterName && i.Name == instrument)
            {
                listener.EnableMeasurementEvents(i);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (tag is not { } wanted || Has(tags, wanted))
            {
                Interlocked.Add(ref _total, value);
            }
        });
        _listener.Start();
    }

    public long Total => Interlocked.Read(ref _total);

    public void Dispose() => _listener.Dispose();

    private static bool Has(ReadOnlySpan<KeyValuePair<string, object?>> tags, (string Key, string Value) wanted)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == wanted.Key && Equals(tag.Value, wanted.Value))
            {
                return true;
            }
        }

        return false;
    }
}
