using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shop.Messaging.Hosting;

namespace Shop.Messaging.Persistence;

/// <summary>
/// Applies the service's EF Core migrations in the background, retrying with backoff while the database
/// is unreachable. The host keeps running and reports unhealthy meanwhile, so an orchestrator sees a
/// waiting service instead of a crash loop.
/// </summary>
public sealed partial class DatabaseMigrationService<TContext>(
    IServiceScopeFactory scopes,
    DatabaseReadiness<TContext> readiness,
    ILogger<DatabaseMigrationService<TContext>> logger) : BackgroundService where TContext : DbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = RetryBackoff.Default();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TContext>();
                await db.Database.MigrateAsync(stoppingToken);
                readiness.MarkReady();
                LogMigrated(typeof(TContext).Name);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                readiness.MarkFailed(ex.GetBaseException().Message);
                var delay = backoff.Next();
                LogMigrationFailed(typeof(TContext).Name, ex.GetBaseException().Message, delay.TotalSeconds);
                await Task.Delay(delay, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database of {Context} is migrated")]
    private partial void LogMigrated(string context);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot migrate the database of {Context}: {Error}; retrying in {DelaySeconds:0.0} s")]
    private partial void LogMigrationFailed(string context, string error, double delaySeconds);
}
