using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Shop.Inventory.Apis;
using StackExchange.Redis;

namespace Shop.Inventory.Caching;

/// <summary>
/// Cache-aside for single products (<c>GET /api/products/{sku}</c>) in Redis, as JSON with a TTL.
///
/// Why a reader can never put back a stale value: <see cref="ProductCacheInvalidator"/> invalidates only AFTER the
/// stock change is committed, by bumping the product's generation and deleting its value (one script). A reader that
/// misses notes the generation BEFORE it reads the database, and fills only if the generation is unchanged (one
/// script). If the invalidation came before the reader noted the generation, the commit came before the reader's
/// database read too, so the reader saw the new value. If it came after, the fill is refused (generation changed) or,
/// if the fill got in first, deleted by it. Delete-after-commit alone would not do: a reader that read the old row
/// just before the commit could fill after the delete and keep the old value for a whole TTL.
///
/// Redis is an optimisation: any Redis failure sends the read to the database (never to an error). An invalidation
/// that fails is kept and retried in the background; until it succeeds this process reads that product from the
/// database. What remains is a process that dies between commit and invalidation: the TTL bounds that.
/// While the client is disconnected, commands fail at once (<c>BacklogPolicy.FailFast</c>, see
/// <c>AddOptionalRedisClient</c>); <see cref="ProductCacheOptions.Timeout"/> bounds a Redis that is connected but slow.
/// </summary>
public sealed partial class ProductCache(
    IConnectionMultiplexer redis, IOptionsMonitor<ProductCacheOptions> options, ILogger<ProductCache> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<string, long> _pendingInvalidations = new(StringComparer.Ordinal);
    private long _lastMark;
    private int _failing;

    public bool HasPendingInvalidations => !_pendingInvalidations.IsEmpty;

    /// <summary>The product from the cache, or from <paramref name="load"/> (which is then cached); null when it does not exist.</summary>
    public async Task<ProductResponse?> GetAsync(
        string sku, Func<CancellationToken, Task<ProductResponse?>> load, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (!settings.Enabled)
        {
            return await load(cancellationToken);
        }

        if (_pendingInvalidations.ContainsKey(sku))
        {
            ProductCacheTelemetry.Bypassed.Add(1);
            return await load(cancellationToken);
        }

        RedisKey[] keys = [ValueKey(sku), GenerationKey(sku)];
        RedisValue generation;
        try
        {
            // One MGET: the value, and the generation a fill will have to find unchanged.
            var reply = await WithTimeout(settings, redis.GetDatabase().StringGetAsync(keys), cancellationToken);
            if (reply[0].HasValue && Deserialize((byte[])reply[0]!) is { } hit)
            {
                ProductCacheTelemetry.Hits.Add(1);
                return hit;
            }

            generation = reply[1].HasValue ? reply[1] : 0;
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            ProductCacheTelemetry.Bypassed.Add(1);
            LogReadFailed(ex.Message);
            return await load(cancellationToken);
        }

        ProductCacheTelemetry.Misses.Add(1);
        var product = await load(cancellationToken);
        if (product is not null)
        {
            try
            {
                var ttl = (long)Math.Max(1, settings.Ttl.TotalMilliseconds);
                await WithTimeout(
                    settings,
                    redis.GetDatabase().ScriptEvaluateAsync(ProductCacheScripts.Fill, keys, [generation, JsonSerializer.SerializeToUtf8Bytes(product, Json), ttl]),
                    cancellationToken);
            }
            catch (Exception ex) when (IsRedisFailure(ex))
            {
                LogReadFailed(ex.Message);
            }
        }

        return product;
    }

    /// <summary>Invalidates the products after their stock changed (call after the commit). Never throws for Redis:
    /// what cannot be invalidated now is retried by <see cref="RetryPendingAsync"/>.</summary>
    public async Task InvalidateAsync(IReadOnlyCollection<string> skus, CancellationToken cancellationToken)
    {
        if (skus.Count == 0)
        {
            return;
        }

        if (await TryInvalidateAsync(skus, cancellationToken))
        {
            ProductCacheTelemetry.Invalidations.Add(skus.Count, new KeyValuePair<string, object?>("outcome", "done"));
            return;
        }

        // Each failure gets a fresh mark, so a retry that began before it cannot clear it (see RetryPendingAsync).
        foreach (var sku in skus)
        {
            var mark = Interlocked.Increment(ref _lastMark);
            _pendingInvalidations.AddOrUpdate(sku, mark, (_, _) => mark);
        }

        ProductCacheTelemetry.Invalidations.Add(skus.Count, new KeyValuePair<string, object?>("outcome", "pending"));
    }

    /// <summary>Retries the invalidations that failed; true when none is left.</summary>
    public async Task<bool> RetryPendingAsync(CancellationToken cancellationToken)
    {
        var pending = _pendingInvalidations.ToArray();
        if (pending.Length == 0)
        {
            return true;
        }

        if (!await TryInvalidateAsync([.. pending.Select(p => p.Key)], cancellationToken))
        {
            return false;
        }

        foreach (var entry in pending)
        {
            // Only the mark this retry covered: a failure recorded meanwhile (a later commit) stays pending.
            _pendingInvalidations.TryRemove(entry);
        }

        LogRetried(pending.Length);
        return _pendingInvalidations.IsEmpty;
    }

    private async Task<bool> TryInvalidateAsync(IReadOnlyCollection<string> skus, CancellationToken cancellationToken)
    {
        try
        {
            // One call per product, all pipelined at once: a product's two keys share a hash slot, several products'
            // keys need not (a script over keys in different slots fails on a sharded Redis).
            var database = redis.GetDatabase();
            await WithTimeout(
                options.CurrentValue,
                Task.WhenAll(skus.Select(sku => database.ScriptEvaluateAsync(ProductCacheScripts.Invalidate, [ValueKey(sku), GenerationKey(sku)]))),
                cancellationToken);
            Interlocked.Exchange(ref _failing, 0);
            return true;
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            // Warned once per outage, not once per write.
            if (Interlocked.Exchange(ref _failing, 1) == 0)
            {
                LogInvalidationFailed(skus.Count, ex.Message);
            }

            return false;
        }
    }

    // The braces are a Redis Cluster hash tag: a product's two keys stay in one slot, as its scripts need.
    private static string ValueKey(string sku) => $"inventory:product:{{{sku}}}";

    private static string GenerationKey(string sku) => $"inventory:product:{{{sku}}}:generation";

    private static ProductResponse? Deserialize(byte[] cached)
    {
        try
        {
            return JsonSerializer.Deserialize<ProductResponse>(cached, Json);
        }
        catch (JsonException)
        {
            return null; // written by another version of the service: treat as a miss, the fill replaces it
        }
    }

    // StackExchange.Redis takes no cancellation token: the wait is bounded here, the command itself by the client's
    // AsyncTimeout (a reply that comes after the caller went on is dropped).
    private static Task<T> WithTimeout<T>(ProductCacheOptions settings, Task<T> call, CancellationToken cancellationToken) =>
        call.WaitAsync(settings.Timeout, cancellationToken);

    private static Task WithTimeout(ProductCacheOptions settings, Task call, CancellationToken cancellationToken) =>
        call.WaitAsync(settings.Timeout, cancellationToken);

    private static bool IsRedisFailure(Exception exception) => exception is RedisException or TimeoutException;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Product cache bypassed: {Reason}")]
    private partial void LogReadFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not invalidate {Count} cached products ({Reason}); retrying in the background, reading them from the database meanwhile")]
    private partial void LogInvalidationFailed(int count, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Invalidated {Count} cached products that could not be invalidated earlier")]
    private partial void LogRetried(int count);
}
