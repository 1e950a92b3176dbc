using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shop.Contracts;
using Shop.Messaging.Persistence;
using Shop.Orchestrator.Data;

namespace Shop.Orchestrator.Saga;

/// <summary>
/// Deletes sagas that finished (Completed or Cancelled) and have not changed for <see cref="SagaRetentionOptions.KeepFinishedFor"/>.
/// They are kept that long because a late reply must still find its saga to be compensated; after that, keeping every
/// order's saga forever would only grow the table the orchestrator's every event reads. Any replica may prune: the
/// delete is idempotent and takes its rows with <c>SKIP LOCKED</c>, so it never waits on a saga being handled.
/// </summary>
public sealed partial class FinishedSagaPruner(
    IServiceScopeFactory scopes,
    IOptions<SagaRetentionOptions> options,
    TimeProvider time,
    DatabaseReadiness<OrchestratorDbContext> readiness,
    ILogger<FinishedSagaPruner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WhenReady(stoppingToken);
        using var timer = new PeriodicTimer(options.Value.PruneInterval, time);
        do
        {
            try
            {
                var deleted = await PruneAsync(stoppingToken);
                if (deleted > 0)
                {
                    LogPruned(deleted, options.Value.KeepFinishedFor.TotalDays);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogPruneFailed(ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Deletes every finished saga past retention, one batch per statement; returns how many.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var cutoff = time.GetUtcNow() - settings.KeepFinishedFor;
        var total = 0;
        int deleted;
        do
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            deleted = await db.Database.ExecuteSqlAsync(
                $"""
                DELETE FROM orchestrator.order_sagas WHERE correlation_id IN (
                    SELECT correlation_id FROM orchestrator.order_sagas
                    WHERE current_state IN ({OrderStates.Completed}, {OrderStates.Cancelled}) AND updated_at < {cutoff}
                    LIMIT {settings.PruneBatchSize}
                    FOR UPDATE SKIP LOCKED)
                """,
                cancellationToken);
            total += deleted;
        }
        while (deleted == settings.PruneBatchSize);

        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} sagas finished more than {Days:0.#} days ago")]
    private partial void LogPruned(int count, double days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pruning finished sagas failed; retrying at the next interval: {Error}")]
    private partial void LogPruneFailed(string error);
}
