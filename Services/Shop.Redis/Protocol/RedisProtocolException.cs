namespace Shop.Redis.Protocol;

/// <summary>The server sent bytes that are not RESP2: the connection cannot be trusted any more and is dropped.</summary>
public sealed class RedisProtocolException(string message) : RedisException(message);
