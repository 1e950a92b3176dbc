namespace Shop.Redis;

/// <summary>
/// Redis could not be reached, or the connection broke while the command was in flight. In the second case the
/// command may or may not have run on the server: the client never re-sends it, because most commands are not
/// idempotent.
/// </summary>
public sealed class RedisConnectionException(string message, Exception? innerException = null) : RedisException(message, innerException);
