using Microsoft.EntityFrameworkCore;

namespace Shop.Messaging.Outbox;

/// <summary>
/// Wakes the local relay of <typeparamref name="TContext"/> right after a commit, without a round trip through
/// Postgres. Replicas in other processes are woken by the outbox's NOTIFY trigger instead.
/// </summary>
public sealed class OutboxSignal<TContext>
    where TContext : DbContext
{
    private readonly SemaphoreSlim _signal = new(0, 1);

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

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _signal.WaitAsync(timeout, cancellationToken);
}
