using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Shop.Messaging.Outbox;

/// <summary>
/// Wakes the local relay of <typeparamref name="TContext"/> right after a commit, without a round trip through
/// Postgres. Replicas in other processes are woken by the outbox's NOTIFY trigger instead.
/// </summary>
public sealed class OutboxSignal<TContext>
    where TContext : DbContext
{
    /// <summary>How long a database backend counts as this process's after it last committed outbox rows for it.</summary>
    private static readonly TimeSpan OwnBackendLifetime = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _signal = new(0, 1);

    // The PostgreSQL backends (server process ids) of this process's pooled connections that have written outbox rows,
    // with when they last did (Environment.TickCount64).
    private readonly ConcurrentDictionary<int, long> _ownBackends = new();

    public void Notify()
    {
        // A pending wake-up is enough: the relay drains everything committed when it runs.
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
        }
    }

    /// <summary>Outbox rows were written through the connection served by backend <paramref name="backendProcessId"/>.</summary>
    public void WrittenThrough(int backendProcessId) => _ownBackends[backendProcessId] = Environment.TickCount64;

    /// <summary>
    /// The outbox trigger's NOTIFY from backend <paramref name="backendProcessId"/> arrived. A commit of this process
    /// has already woken the relay through <see cref="Notify"/>, so its NOTIFY is skipped: arriving just after, it woke
    /// the relay a second time for a query that found nothing (under load, a quarter of the relay's queries). A NOTIFY
    /// from any other backend, a replica's, wakes it. A backend last seen more than a minute ago counts as foreign
    /// again, so a server process id reused by another replica's connection is mistaken for ours for at most that
    /// long, which costs no more than waiting for the next wake-up or the poll.
    /// </summary>
    public void NotifiedBy(int backendProcessId)
    {
        if (_ownBackends.TryGetValue(backendProcessId, out var lastWrite)
            && Environment.TickCount64 - lastWrite < (long)OwnBackendLifetime.TotalMilliseconds)
        {
            return;
        }

        Notify();
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _signal.WaitAsync(timeout, cancellationToken);
}
