using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shop.Messaging.Persistence;
using Shop.Orders.Data;

namespace Shop.Orders.Admission;

/// <summary>
/// Counts the unfinished orders every <see cref="PlacementAdmissionOptions.UnfinishedOrdersRefreshInterval"/> into
/// <see cref="UnfinishedOrders"/>. The orders table is the saga's read model and every instance shares it, so the
/// count is global however many instances run; the partial index <c>IX_orders_unfinished</c> keeps it to the
/// unfinished rows, however many finished ones the table holds (see the <c>UnfinishedOrdersIndex</c> migration).
/// </summary>
public sealed partial class UnfinishedOrdersCounter(
    IServiceScopeFactory scopes,
    IOptions<PlacementAdmissionOptions> options,
    UnfinishedOrders unfinished,
    TimeProvider time,
    DatabaseReadiness<OrdersDbContext> readiness,
    ILogger<UnfinishedOrdersCounter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled || settings.MaxUnfinishedOrders <= 0)
        {
            return;
        }

        await readiness.WhenReady(stoppingToken);
        using var timer = new PeriodicTimer(settings.UnfinishedOrdersRefreshInterval, time);
        var failing = false;
        do
        {
            try
            {
                await CountAsync(stoppingToken);
                failing = false;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Once per failure streak: at five counts a second a database outage would flood the log.
                if (!failing)
                {
                    LogCountFailed(ex);
                }

                failing = true;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task CountAsync(CancellationToken cancellationToken)
    {
        var endedBefore = unfinished.PlacementsEnded;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
        // finished is a generated column outside the EF model (see the UnfinishedOrdersIndex migration), hence SQL.
        var count = await db.Database
            .SqlQuery<long>($"""SELECT count(*) AS "Value" FROM "orders".orders WHERE NOT finished""")
            .SingleAsync(cancellationToken);
        unfinished.Counted(count, endedBefore);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Counting the unfinished orders failed; placements are admitted on the last count for a few seconds, then without the backlog bound, until a count succeeds")]
    private partial void LogCountFailed(Exception exception);
}
