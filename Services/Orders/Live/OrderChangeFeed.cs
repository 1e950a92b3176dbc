namespace Shop.Orders.Live;

/// <summary>
/// Fans the orders database's change notifications out, in process, to whoever watches an order (the SSE streams).
/// One <see cref="OrderChangeListener"/> per process feeds it from a single LISTEN connection, so a thousand open
/// streams cost one database connection, not a thousand.
/// </summary>
public sealed class OrderChangeFeed
{
    /// <summary>The NOTIFY channel of the orders database; the payload is the changed order's id.</summary>
    public const string Channel = "orders_order_changed";

    private readonly Dictionary<Guid, List<OrderChangeSubscription>> _watchers = [];

    private volatile bool _listening;

    /// <summary>True while the listener holds a LISTEN connection; until then watchers rely on their safety re-read.</summary>
    public bool IsListening => _listening;

    public OrderChangeSubscription Watch(Guid orderId)
    {
        var subscription = new OrderChangeSubscription(orderId, this);
        lock (_watchers)
        {
            if (!_watchers.TryGetValue(orderId, out var list))
            {
                _watchers[orderId] = list = [];
            }

            list.Add(subscription);
        }

        return subscription;
    }

    /// <summary>Wakes every watcher of <paramref name="orderId"/>.</summary>
    public void Publish(Guid orderId)
    {
        OrderChangeSubscription[] watchers;
        lock (_watchers)
        {
            if (!_watchers.TryGetValue(orderId, out var list))
            {
                return;
            }

            watchers = [.. list];
        }

        foreach (var watcher in watchers)
        {
            watcher.Signal();
        }
    }

    internal void Listening(bool listening)
    {
        _listening = listening;
        if (listening)
        {
            // Whatever changed while the connection was down was not announced: everyone re-reads once.
            PublishAll();
        }
    }

    internal void Unwatch(OrderChangeSubscription subscription)
    {
        lock (_watchers)
        {
            if (_watchers.TryGetValue(subscription.OrderId, out var list) && list.Remove(subscription) && list.Count == 0)
            {
                _watchers.Remove(subscription.OrderId);
            }
        }
    }

    private void PublishAll()
    {
        OrderChangeSubscription[] watchers;
        lock (_watchers)
        {
            watchers = [.. _watchers.Values.SelectMany(list => list)];
        }

        foreach (var watcher in watchers)
        {
            watcher.Signal();
        }
    }
}
