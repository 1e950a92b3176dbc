namespace Shop.Redis;

/// <summary>No reply within the command timeout. The command may still run on the server; its late reply is discarded.</summary>
public sealed class RedisTimeoutException(string message) : RedisException(message);
