namespace Shop.Redis;

/// <summary>Redis answered with an error reply (<c>-ERR ...</c>, <c>-NOSCRIPT ...</c>, <c>-WRONGTYPE ...</c>).</summary>
public sealed class RedisServerException(string message) : RedisException(message)
{
    /// <summary>The error's first word, by Redis convention its kind: <c>ERR</c>, <c>NOSCRIPT</c>, <c>WRONGTYPE</c>, ...</summary>
    public string Prefix => Message.Split(' ', 2)[0];
}
