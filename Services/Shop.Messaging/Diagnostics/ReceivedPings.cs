using System.Collections.Concurrent;

namespace Shop.Messaging.Diagnostics;

/// <summary>The pings this process has received, newest kept; bounded so a chatty probe cannot grow memory.</summary>
public sealed class ReceivedPings
{
    private const int Capacity = 1_000;
    private readonly ConcurrentDictionary<Guid, ReceivedPing> _pings = new();
    private readonly ConcurrentQueue<Guid> _order = new();

    public void Add(ReceivedPing ping)
    {
        if (!_pings.TryAdd(ping.PingId, ping))
        {
            return;
        }

        _order.Enqueue(ping.PingId);
        while (_order.Count > Capacity && _order.TryDequeue(out var oldest))
        {
            _pings.TryRemove(oldest, out _);
        }
    }

    public ReceivedPing? Find(Guid pingId) => _pings.GetValueOrDefault(pingId);
}
