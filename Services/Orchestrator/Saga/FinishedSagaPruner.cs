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
public sealed class FinishedSagaPruner(
    IServiceScopeFactory scopes,
    IOptions<SagaRetentionOptions> options,
    TimeProvider time,
    DatabaseReadiness<OrchestratorDbContext> readiness,
    ILogger<FinishedSagaPruner> logger) : PeriodicPruner<OrchestratorDbContext>(readiness, time, logger)
{
    protected override string What => "sagas finished longer ago than Saga:Retention:KeepFinishedFor";

    protected override TimeSpan Interval => options.Value.PruneInterval;

    public override async Task<int> PruneOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var cutoff = Time.GetUtcNow() - settings.KeepFinishedFor;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        return await DeleteInBatchesAsync(() => db.Database.ExecuteSqlAsync(
            $"""
            DELETE FROM orchestrator.order_sagas WHERE correlation_id IN (
                SELECT correlation_id FROM orchestrator.order_sagas
                WHERE current_state IN ({OrderStates.Completed}, {OrderStates.Cancelled}) AND updated_at < {cutoff}
                LIMIT {settings.PruneBatchSize}
                FOR UPDATE SKIP LOCKED)
            """,
            cancellationToken), settings.PruneBatchSize);
    }
}
