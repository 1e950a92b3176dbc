using MassTransit.Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shop.Contracts;
using Shop.Messaging.Persistence;
using Shop.Orchestrator.Data;

namespace Shop.Orchestrator.Saga;

/// <summary>
/// Kafka has no scheduler, so deadlines live in the saga rows and this loop raises <see cref="SagaDeadlineExpired"/>
/// for those past due: they survive restarts, and any replica may raise them. Rows are claimed with
/// <c>FOR UPDATE SKIP LOCKED</c>, so replicas sweeping at once take different sagas, and each batch (the saga
/// changes and the outbox rows they publish) commits in one transaction.
/// </summary>
public sealed partial class SagaDeadlineSweeper(
    IServiceScopeFactory scopes,
    IOptions<SagaDeadlineOptions> options,
    TimeProvider time,
    DatabaseReadiness<OrchestratorDbContext> readiness,
    ILogger<SagaDeadlineSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WhenReady(stoppingToken);
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                // A full batch means there may be more: drain before waiting again.
                while (await SweepAsync(stoppingToken) == options.Value.SweepBatchSize)
                {
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Nothing was committed; the same sagas are due again at the next tick.
                LogSweepFailed(ex);
            }
        }
    }

    /// <summary>Raises the deadline events of one batch of due sagas and commits; returns how many there were.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var mediator = scope.ServiceProvider.GetRequiredService<IScopedMediator>();
        var now = time.GetUtcNow();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // xmin is a system column, so SELECT * leaves it out; the tracked rows need it for the concurrency check.
        var due = await db.OrderSagas
            .FromSql($"""
                SELECT *, xmin FROM orchestrator.order_sagas
                WHERE deadline <= {now} AND current_state NOT IN ({OrderStates.Completed}, {OrderStates.Cancelled})
                ORDER BY deadline
                LIMIT {options.Value.SweepBatchSize}
                FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(cancellationToken);

        foreach (var saga in due)
        {
            LogDeadlineExpired(saga.CorrelationId, saga.CurrentState, saga.Deadline!.Value);
            await mediator.Send(new SagaDeadlineExpired(saga.CorrelationId, saga.Deadline.Value), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return due.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId}: deadline {Deadline:O} passed in state {State}")]
    private partial void LogDeadlineExpired(Guid orderId, string state, DateTimeOffset deadline);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deadline sweep failed; retrying at the next tick")]
    private partial void LogSweepFailed(Exception exception);
}
