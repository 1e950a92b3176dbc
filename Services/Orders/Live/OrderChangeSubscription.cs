namespace Shop.Orders.Live;

/// <summary>One watcher of one order. Changes coalesce: a pending wake-up is enough, because the watcher re-reads
/// the whole order from the database rather than trusting what the notification said.</summary>
public sealed class OrderChangeSubscription : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly OrderChangeFeed _feed;

    internal OrderChangeSubscription(Guid orderId, OrderChangeFeed feed)
    {
        OrderId = orderId;
        _feed = feed;
    }

    public Guid OrderId { get; }

    /// <summary>Waits until the order may have changed, or <paramref name="timeout"/> passes; true when woken.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose()
    {
        _feed.Unwatch(this);
        _signal.Dispose();
    }

    internal void Signal()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
        }
        catch (ObjectDisposedException)
        {
            // Disposed between the feed's snapshot of watchers and this wake-up: nobody is waiting any more.
        }
    }
}
