using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shop.Messaging.Persistence;

namespace Shop.Messaging.Inbox;

/// <summary>Deletes inbox rows older than <see cref="InboxOptions.Retention"/>, so the table stays the size of the
/// redelivery window instead of growing with every message ever handled.</summary>
public sealed class InboxPruner<TContext>(
    IServiceScopeFactory scopes,
    DatabaseReadiness<TContext> database,
    IOptions<InboxOptions> options,
    TimeProvider time,
    ILogger<InboxPruner<TContext>> logger) : PeriodicPruner<TContext>(database, time, logger)
    where TContext : DbContext
{
    private const int BatchSize = 10_000;

    protected override string What => "inbox rows past their retention";

    protected override TimeSpan Interval => options.Value.PruneInterval;

    public override async Task<int> PruneOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var schema = MessagingSchema.Of(db);
        var sql = $"""
            DELETE FROM "{schema}".{MessagingModelBuilderExtensions.InboxTable}
            WHERE ctid IN (SELECT ctid FROM "{schema}".{MessagingModelBuilderExtensions.InboxTable} WHERE handled_at < {"{0}"} LIMIT {BatchSize})
            """;
        var cutoff = Time.GetUtcNow() - options.Value.Retention;
        return await DeleteInBatchesAsync(() => db.Database.ExecuteSqlRawAsync(sql, [cutoff], cancellationToken), BatchSize);
    }
}
