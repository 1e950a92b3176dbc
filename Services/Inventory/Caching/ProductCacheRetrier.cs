using Microsoft.Extensions.Options;

namespace Shop.Inventory.Caching;

/// <summary>Retries the invalidations that failed while Redis was away, until Redis takes them.</summary>
public sealed class ProductCacheRetrier(ProductCache cache, IOptions<ProductCacheOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RetryInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (cache.HasPendingInvalidations)
            {
                await cache.RetryPendingAsync(stoppingToken);
            }
        }
    }
}
