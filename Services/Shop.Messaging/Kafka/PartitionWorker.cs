using System.Threading.Channels;
using Confluent.Kafka;

namespace Shop.Messaging.Kafka;

/// <summary>
/// Handles one assigned partition's records in order, on its own task, so that the partitions of a subscription are
/// handled concurrently: while one record waits for its database commit, records of other partitions (other orders)
/// go ahead, and their commits share the WAL flush. Per-key order is kept because a key lives on one partition.
/// Records that queued up while the worker was busy are handed over together, up to a bound, so a busy partition can
/// be handled in fewer transactions; an idle one never waits for more to come, so a lone record goes alone at once.
/// </summary>
internal sealed class PartitionWorker : IAsyncDisposable
{
    /// <summary>Records fetched ahead per partition; when it is full the consumer thread waits (back-pressure).</summary>
    private const int Capacity = 256;

    /// <summary>How long a revoked partition's record in hand may take to finish before it is cancelled (the new owner
    /// then handles it again, which the inbox makes harmless).</summary>
    private static readonly TimeSpan RevokeGrace = TimeSpan.FromSeconds(5);

    private readonly Channel<ConsumeResult<string, byte[]>> _queue = Channel.CreateBounded<ConsumeResult<string, byte[]>>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly CancellationTokenSource _cancellation;
    private readonly Task _run;
    private volatile bool _draining;

    /// <param name="handle">Handles records of the partition (one or more, in offset order) and stores their offsets.</param>
    /// <param name="maxBatchSize">The most records handed to <paramref name="handle"/> at once.</param>
    /// <param name="stoppingToken">Stops the worker.</param>
    public PartitionWorker(
        Func<IReadOnlyList<ConsumeResult<string, byte[]>>, CancellationToken, Task> handle, int maxBatchSize, CancellationToken stoppingToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        _run = Task.Run(() => RunAsync(handle, maxBatchSize, _cancellation.Token), CancellationToken.None);
    }

    /// <summary>Set when the handling task ended with an error it did not handle itself; the consumer loop rethrows it.</summary>
    public Exception? Failure => _run.IsFaulted ? _run.Exception!.GetBaseException() : null;

    /// <summary>Called by the consumer thread only; waits while the partition is <see cref="Capacity"/> records ahead.</summary>
    public void Enqueue(ConsumeResult<string, byte[]> record)
    {
        if (!_queue.Writer.TryWrite(record))
        {
            _queue.Writer.WriteAsync(record, _cancellation.Token).AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>
    /// Stops taking records (those queued are dropped: their offsets were not stored, so the partition's next owner
    /// gets them), lets the records in hand finish for a short grace, then cancels them.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        _draining = true;
        _queue.Writer.TryComplete();
        if (await Task.WhenAny(_run, Task.Delay(RevokeGrace)) != _run)
        {
            await _cancellation.CancelAsync();
        }

        try
        {
            await _run;
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception)
        {
            // Already reported through Failure, or irrelevant now that the partition is gone.
        }

        _cancellation.Dispose();
    }

    private async Task RunAsync(
        Func<IReadOnlyList<ConsumeResult<string, byte[]>>, CancellationToken, Task> handle, int maxBatchSize, CancellationToken cancellationToken)
    {
        while (!_draining && await _queue.Reader.WaitToReadAsync(cancellationToken))
        {
            var batch = new List<ConsumeResult<string, byte[]>>();
            while (!_draining && batch.Count < maxBatchSize && _queue.Reader.TryRead(out var record))
            {
                batch.Add(record);
            }

            if (batch.Count > 0)
            {
                await handle(batch, cancellationToken);
            }
        }
    }
}
