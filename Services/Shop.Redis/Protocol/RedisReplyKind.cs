namespace Shop.Redis.Protocol;

/// <summary>The RESP2 reply types.</summary>
public enum RedisReplyKind
{
    SimpleString,
    Error,
    Integer,
    BulkString,
    Array,
}
