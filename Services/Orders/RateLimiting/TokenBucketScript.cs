namespace Shop.Orders.RateLimiting;

/// <summary>
/// Every token bucket of one request, checked and taken in ONE Lua script, so concurrent requests on any number of
/// replicas cannot both take the last token. Time comes from Redis (<c>TIME</c>), not from the replicas, whose clocks
/// differ. All or nothing: a request takes one token from every bucket, or, when any bucket is empty, from none, so
/// a request refused for its address does not also cost its customer a token.
/// KEYS: the buckets. ARGV: per bucket, permits per second and burst.
/// Returns { allowed (1/0), retry-after in ms (0 when allowed), 1-based index of the bucket that refused (0) }.
/// A bucket that was not touched for a whole refill expires, so idle customers cost no memory.
/// The keys share the hash tag <c>{ratelimit:orders}</c>, because on a sharded Redis the keys of one script call must live
/// in one hash slot (StackExchange.Redis routes a script by its keys' slot, and refuses keys of different slots). It
/// puts every bucket on one shard, which one small script per order easily fits.
/// StackExchange.Redis sends the text once per server (<c>EVAL</c>, remembering its SHA1) and <c>EVALSHA</c> after
/// that; a restarted Redis that no longer knows it gets the text again.
/// </summary>
public static class TokenBucketScript
{
    public const string Script = """
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        local levels = {}
        local refused, retry = 0, 0
        for i = 1, #KEYS do
          local rate, burst = tonumber(ARGV[2 * i - 1]), tonumber(ARGV[2 * i])
          local state = redis.call('HMGET', KEYS[i], 'tokens', 'ts')
          local level, last = tonumber(state[1]), tonumber(state[2])
          if level == nil or last == nil then
            level, last = burst, now
          end
          level = math.min(burst, level + math.max(0, now - last) * rate / 1000)
          levels[i] = level
          if level < 1 then
            local wait = math.ceil((1 - level) * 1000 / rate)
            if wait > retry then
              refused, retry = i, wait
            end
          end
        end
        for i = 1, #KEYS do
          local rate, burst = tonumber(ARGV[2 * i - 1]), tonumber(ARGV[2 * i])
          local level = levels[i]
          if refused == 0 then
            level = level - 1
          end
          redis.call('HSET', KEYS[i], 'tokens', tostring(level), 'ts', now)
          redis.call('PEXPIRE', KEYS[i], math.ceil(burst * 1000 / rate) + 1000)
        end
        if refused == 0 then
          return { 1, 0, 0 }
        end
        return { 0, retry, refused }
        """;
}
