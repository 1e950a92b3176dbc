using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Shop.Messaging.Persistence;

/// <summary>
/// A background job that deletes rows past their retention from <typeparamref name="TContext"/>'s database: once the
/// database is ready, then every <see cref="Interval"/>. A failed run (the database away) is logged and simply comes
/// again at the next interval: nothing depends on a prune happening on time.
/// </summary>
public abstract partial class PeriodicPruner<TContext>(DatabaseReadiness<TContext> database, TimeProvider time, ILogger logger)
    : BackgroundService
    where TContext : DbContext
{
    /// <summary>What is pruned, for the log (e.g. "inbox rows past their retention").</summary>
    protected abstract string What { get; }

    protected abstract TimeSpan Interval { get; }

    /// <summary>Deletes every row past its retention now; returns how many.</summary>
    public abstract Task<int> PruneOnceAsync(CancellationToken cancellationToken);

    protected TimeProvider Time => time;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await database.WhenReady(stoppingToken);
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                var deleted = await PruneOnceAsync(stoppingToken);
                if (deleted > 0)
                {
                    LogPruned(logger, deleted, What);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogPruneFailed(logger, What, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Runs <paramref name="deleteBatch"/> until it deletes fewer than <paramref name="batchSize"/> rows, so no
    /// single statement holds many locks or one long transaction; returns the total.</summary>
    protected static async Task<int> DeleteInBatchesAsync(Func<Task<int>> deleteBatch, int batchSize)
    {
        var total = 0;
        int deleted;
        do
        {
            deleted = await deleteBatch();
            total += deleted;
        }
        while (deleted == batchSize);
        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned {Count} {What}")]
    private static partial void LogPruned(ILogger logger, int count, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pruning {What} failed; trying again next interval: {Error}")]
    private static partial void LogPruneFailed(ILogger logger, string what, string error);
}
