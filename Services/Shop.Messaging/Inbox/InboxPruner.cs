using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shop.Messaging.Persistence;

namespace Shop.Messaging.Inbox;

/// <summary>Deletes inbox rows older than <see cref="InboxOptions.Retention"/>, so the table stays the size of the
/// redelivery window instead of growing with every message ever handled.</summary>
public sealed partial class InboxPruner<TContext>(
    IServiceScopeFactory scopes,
    DatabaseReadiness<TContext> database,
    IOptions<InboxOptions> options,
    TimeProvider time,
    ILogger<InboxPruner<TContext>> logger) : BackgroundService
    where TContext : DbContext
{
    private const int BatchSize = 10_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await database.WhenReady(stoppingToken);
        using var timer = new PeriodicTimer(options.Value.PruneInterval, time);
        do
        {
            try
            {
                var deleted = await PruneOnceAsync(stoppingToken);
                if (deleted > 0)
                {
                    LogPruned(deleted);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogPruneFailed(ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Deletes every expired row, in batches so no single statement holds many locks.</summary>
    public async Task<int> PruneOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var schema = MessagingSchema.Of(db);
        var sql = $"""
            DELETE FROM "{schema}".{MessagingModelBuilderExtensions.InboxTable}
            WHERE ctid IN (SELECT ctid FROM "{schema}".{MessagingModelBuilderExtensions.InboxTable} WHERE handled_at < {"{0}"} LIMIT {BatchSize})
            """;
        var cutoff = time.GetUtcNow() - options.Value.Retention;
        var total = 0;
        int deleted;
        do
        {
            deleted = await db.Database.ExecuteSqlRawAsync(sql, [cutoff], cancellationToken);
            total += deleted;
        }
        while (deleted == BatchSize);
        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned {Count} inbox rows past their retention")]
    private partial void LogPruned(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pruning the inbox failed; trying again next interval: {Error}")]
    private partial void LogPruneFailed(string error);
}
