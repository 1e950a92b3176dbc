using Microsoft.Extensions.DependencyInjection;

namespace Shop.AppHost.Tests.Chaos;

/// <summary>Counts the lines of one replica's console log (the dashboard's resource log) that end with a marker, from
/// the moment it is created on, across restarts of the replica. Watched live, so no backlog limit drops a line.</summary>
public sealed class LogLineCounter : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watching;
    private long _count;

    public LogLineCounter(DistributedApplication app, string resourceId, string suffix)
    {
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        _watching = Task.Run(async () =>
        {
            try
            {
                await foreach (var batch in logs.WatchAsync(resourceId).WithCancellation(_stop.Token))
                {
                    Interlocked.Add(ref _count, batch.Count(line => line.Content.TrimEnd().EndsWith(suffix, StringComparison.Ordinal)));
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
            }
        });
    }

    public long Count => Interlocked.Read(ref _count);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        _stop.Dispose();
    }
}
