using Microsoft.Extensions.Options;
using Shop.Inventory.Data;
using Shop.Inventory.Extensions;
using Shop.Messaging.Persistence;

namespace Shop.Inventory.Expiry;

/// <summary>Every <see cref="InventoryOptions.HoldSweepInterval"/>, releases the holds whose expiry has passed
/// (the last safety net of DESIGN §2), batch after batch until none is left. Kafka has no scheduler, so the
/// expiry lives in the reservation row and survives restarts.</summary>
public sealed partial class HoldExpirySweeper(
    IServiceScopeFactory scopes,
    DatabaseReadiness<InventoryDbContext> database,
    TimeProvider time,
    IOptions<InventoryOptions> options,
    ILogger<HoldExpirySweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await database.WhenReady(stoppingToken);
        using var timer = new PeriodicTimer(options.Value.HoldSweepInterval, time);
        do
        {
            try
            {
                while (await ReleaseBatchAsync(stoppingToken) >= options.Value.HoldSweepBatchSize)
                {
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The next tick tries again; a database outage must not stop the sweeper for good.
                LogSweepFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<int> ReleaseBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ExpiredHoldReleaser>().ReleaseBatchAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sweeping expired stock holds failed")]
    private partial void LogSweepFailed(Exception exception);
}
