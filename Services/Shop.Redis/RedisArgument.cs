using System.Globalization;
using System.Text;

namespace Shop.Redis;

/// <summary>One argument of a command, already encoded as Redis sees it: a binary-safe byte string.</summary>
public readonly struct RedisArgument
{
    private RedisArgument(byte[] bytes) => Bytes = bytes;

    public byte[] Bytes { get; }

    public static implicit operator RedisArgument(string value) => new(Encoding.UTF8.GetBytes(value));

    public static implicit operator RedisArgument(byte[] value) => new(value);

    public static implicit operator RedisArgument(long value) => new(Encoding.ASCII.GetBytes(value.ToString(CultureInfo.InvariantCulture)));

    public static implicit operator RedisArgument(double value) => new(Encoding.ASCII.GetBytes(value.ToString("R", CultureInfo.InvariantCulture)));

    public override string ToString() => Encoding.UTF8.GetString(Bytes);
}
