namespace Shop.Orders.Admission;

/// <summary>
/// This instance's estimate of the orders not yet Completed or Cancelled, across every instance: the count
/// <see cref="UnfinishedOrdersCounter"/> last read from <c>orders.orders</c>, plus the placements this instance admitted
/// that the count may not include, those that had not ended when it began. A placement that ended before is committed,
/// so the count has it; one still running may be counted twice until the next count, and an admitted request that
/// turns out a replay or a 400 is counted once too many until then: the safe side for a bound, and small, since
/// only admitted placements run long enough to overlap a count. Lock-free: every placement reads it.
/// </summary>
public sealed class UnfinishedOrders(TimeProvider time)
{
    private long _admitted;
    private long _ended;
    private Reading? _reading;

    /// <summary>A count older than this is not trusted: the counter has been failing (the database is unreachable or
    /// overloaded), and refusing every placement on a stale figure could outlast the overload by far. Placements are
    /// then admitted, bounded by the concurrency limit alone, as before this bound existed.</summary>
    public static readonly TimeSpan MaxCountAge = TimeSpan.FromSeconds(5);

    /// <summary>Admitted placements of this instance that have ended (stored their order or not); read just before a
    /// count begins.</summary>
    public long PlacementsEnded => Interlocked.Read(ref _ended);

    /// <summary>The estimate, or null when there is no count recent enough to go by.</summary>
    public long? Estimate
    {
        get
        {
            var reading = Volatile.Read(ref _reading);
            if (reading is null || time.GetElapsedTime(reading.Timestamp) > MaxCountAge)
            {
                return null;
            }

            return reading.Count + (Interlocked.Read(ref _admitted) - reading.EndedBefore);
        }
    }

    /// <summary>Records a count of <paramref name="count"/> unfinished orders, begun when <paramref name="endedBefore"/>
    /// of this instance's placements had ended.</summary>
    public void Counted(long count, long endedBefore) =>
        Volatile.Write(ref _reading, new Reading(count, endedBefore, time.GetTimestamp()));

    /// <summary>Admits a placement unless <paramref name="limit"/> orders are already unfinished; an admitted one must
    /// call <see cref="PlacementEnded"/> when it is over. Two placements deciding at once may both pass at the limit:
    /// the bound is approximate by a few, never unbounded.</summary>
    public bool TryAdmit(long limit)
    {
        if (Estimate >= limit)
        {
            return false;
        }

        Interlocked.Increment(ref _admitted);
        return true;
    }

    public void PlacementEnded() => Interlocked.Increment(ref _ended);

    private sealed record Reading(long Count, long EndedBefore, long Timestamp);
}
