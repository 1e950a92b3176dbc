namespace Shop.Redis;

/// <summary>Base of every failure the Redis client reports, so a caller that treats Redis as optional can catch one type.</summary>
public abstract class RedisException(string message, Exception? innerException = null) : Exception(message, innerException);
