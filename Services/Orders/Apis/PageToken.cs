using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Shop.Orders.Apis;

/// <summary>
/// Where the next page of <c>GET /api/orders</c> starts: the (createdAt, id) of the last order returned.
/// Opaque to clients (base64url) so the listing's order can change without breaking their contract.
/// </summary>
public sealed record PageToken(DateTimeOffset CreatedAt, Guid Id)
{
    private const int Length = sizeof(long) + 16;

    public string Encode()
    {
        var bytes = new byte[Length];
        BinaryPrimitives.WriteInt64BigEndian(bytes, CreatedAt.UtcTicks);
        Id.TryWriteBytes(bytes.AsSpan(sizeof(long)), bigEndian: true, out _);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static bool TryDecode(string token, [NotNullWhen(true)] out PageToken? pageToken)
    {
        pageToken = null;
        var base64 = token.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        var bytes = new byte[Length];
        if (!Convert.TryFromBase64String(base64, bytes, out var written) || written != Length)
        {
            return false;
        }

        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        pageToken = new PageToken(new DateTimeOffset(ticks, TimeSpan.Zero), new Guid(bytes.AsSpan(sizeof(long)), bigEndian: true));
        return true;
    }
}
