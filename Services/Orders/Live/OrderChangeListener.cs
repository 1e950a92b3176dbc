using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shop.Messaging.Hosting;
using Shop.Orders.Data;

namespace Shop.Orders.Live;

/// <summary>
/// Holds this process's one LISTEN connection on <see cref="OrderChangeFeed.Channel"/> and hands each notification
/// to the <see cref="OrderChangeFeed"/>.
/// </summary>
/// <remarks>
/// Why Postgres NOTIFY and not a message bus: the trigger that sends it runs in the same transaction as the read-model
/// change, and Postgres delivers it only when that transaction commits. So a stream is never woken for a change it
/// cannot yet read, and never misses one because a publish after the commit was lost; every orders replica LISTENs on
/// the same database, so a change recorded by one replica wakes the streams held by all of them, with no other
/// moving part. A notification sent while this connection is down is lost, which is why the feed wakes every
/// watcher when the connection comes back and the streams also re-read on a slow timer.
/// </remarks>
public sealed partial class OrderChangeListener(
    IServiceScopeFactory scopes,
    OrderChangeFeed feed,
    ILogger<OrderChangeListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string connectionString;
        await using (var scope = scopes.CreateAsyncScope())
        {
            connectionString = scope.ServiceProvider.GetRequiredService<OrdersDbContext>().Database.GetConnectionString()!;
        }

        // Unpooled, with keep-alives: a LISTEN session must not be shared, and a silently dropped one must be noticed.
        var listenConnection = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 15 }.ConnectionString;
        var backoff = RetryBackoff.Default();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(listenConnection, backoff, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                feed.Listening(false);
                var delay = backoff.Next();
                LogListenFailed(delay.TotalSeconds, ex.Message);
                await Task.Delay(delay, stoppingToken);
            }
        }

        feed.Listening(false);
    }

    private async Task ListenAsync(string connectionString, RetryBackoff backoff, CancellationToken stoppingToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(stoppingToken);
        connection.Notification += (_, e) =>
        {
            if (Guid.TryParse(e.Payload, out var orderId))
            {
                feed.Publish(orderId);
            }
        };

        await using (var listen = new NpgsqlCommand($"LISTEN {OrderChangeFeed.Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        backoff.Reset();
        feed.Listening(true);
        LogListening(OrderChangeFeed.Channel);
        while (true)
        {
            await connection.WaitAsync(stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for order changes on {Channel}")]
    private partial void LogListening(string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The order change listener failed; retrying in {DelaySeconds:0.0} s: {Error}")]
    private partial void LogListenFailed(double delaySeconds, string error);
}
