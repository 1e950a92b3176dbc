namespace Shop.Inventory.Caching;

/// <summary>
/// The cache's Lua scripts. Every product has a value key and a generation key; an invalidation bumps the generation
/// and deletes the value in one step, and a fill only writes if the generation is still the one read before the
/// database was, which is what keeps a slow reader from putting back a value older than the last committed write.
/// (A read needs no script: one <c>MGET</c> of both keys.) StackExchange.Redis sends a script's text once per server
/// and <c>EVALSHA</c> after that.
/// </summary>
public static class ProductCacheScripts
{
    /// <summary>KEYS: value, generation. ARGV: generation read before the database, value, TTL in ms. Returns 1 if stored.</summary>
    public const string Fill = """
        if (redis.call('GET', KEYS[2]) or '0') ~= ARGV[1] then
          return 0
        end
        redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
        return 1
        """;

    /// <summary>KEYS: value, generation. Deletes the value and bumps the generation.</summary>
    public const string Invalidate = """
        redis.call('DEL', KEYS[1])
        return redis.call('INCR', KEYS[2])
        """;
}
