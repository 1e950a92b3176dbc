using System.Globalization;
using System.Text;

namespace Shop.Redis.Protocol;

/// <summary>
/// One RESP2 reply. A null bulk string (<c>$-1</c>) and a null array (<c>*-1</c>) are <see cref="IsNull"/> replies of
/// their kind; an error reply is kept as a value here and turned into a <see cref="RedisServerException"/> by the
/// connection, so the parser stays a pure function of the bytes.
/// </summary>
public sealed class RedisReply
{
    public static readonly RedisReply NullBulk = new(RedisReplyKind.BulkString, null, 0, null, null);
    public static readonly RedisReply NullArray = new(RedisReplyKind.Array, null, 0, null, null);

    private RedisReply(RedisReplyKind kind, string? text, long integer, byte[]? bulk, IReadOnlyList<RedisReply>? items)
    {
        Kind = kind;
        Text = text;
        Integer = integer;
        Bulk = bulk;
        Items = items;
    }

    public RedisReplyKind Kind { get; }

    /// <summary>The text of a simple string or error reply.</summary>
    public string? Text { get; }

    public long Integer { get; }

    public byte[]? Bulk { get; }

    public IReadOnlyList<RedisReply>? Items { get; }

    public bool IsNull => Kind switch
    {
        RedisReplyKind.BulkString => Bulk is null,
        RedisReplyKind.Array => Items is null,
        _ => false,
    };

    public static RedisReply Simple(string text) => new(RedisReplyKind.SimpleString, text, 0, null, null);

    public static RedisReply Error(string text) => new(RedisReplyKind.Error, text, 0, null, null);

    public static RedisReply FromInteger(long value) => new(RedisReplyKind.Integer, null, value, null, null);

    public static RedisReply FromBulk(byte[] value) => new(RedisReplyKind.BulkString, null, 0, value, null);

    public static RedisReply FromArray(IReadOnlyList<RedisReply> items) => new(RedisReplyKind.Array, null, 0, null, items);

    /// <summary>The reply as text: a simple string, a bulk string (UTF-8) or an integer; null for a null reply.</summary>
    public string? AsString() => Kind switch
    {
        RedisReplyKind.SimpleString or RedisReplyKind.Error => Text,
        RedisReplyKind.BulkString => Bulk is null ? null : Encoding.UTF8.GetString(Bulk),
        RedisReplyKind.Integer => Integer.ToString(CultureInfo.InvariantCulture),
        _ => throw new InvalidCastException($"A {Kind} reply is not a string."),
    };

    /// <summary>The reply as a number: an integer reply, or a bulk/simple string holding one (what GET returns after INCR).</summary>
    public long AsInt64() => Kind switch
    {
        RedisReplyKind.Integer => Integer,
        RedisReplyKind.BulkString or RedisReplyKind.SimpleString when long.TryParse(AsString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
        _ => throw new InvalidCastException($"A {Kind} reply '{AsString()}' is not an integer."),
    };

    public override string ToString() => Kind switch
    {
        RedisReplyKind.Array when Items is { } items => $"[{string.Join(", ", items)}]",
        _ when IsNull => "(nil)",
        _ => AsString() ?? "",
    };
}
