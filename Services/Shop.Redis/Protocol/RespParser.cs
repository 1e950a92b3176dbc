using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Shop.Redis.Protocol;

/// <summary>
/// Reads RESP2 replies from whatever bytes have arrived. A reply split across socket reads (even inside a length
/// prefix or between CR and LF) is simply "not complete yet": nothing is consumed and the caller reads more.
/// </summary>
public static class RespParser
{
    // Redis' own proto-max-bulk-len default; a larger length means the stream is corrupt, not that a value is big.
    private const long MaxBulkLength = 512L * 1024 * 1024;
    private const int MaxDepth = 32;

    /// <summary>Parses one complete reply from the start of <paramref name="buffer"/>; false (and nothing consumed) when more bytes are needed.</summary>
    public static bool TryParse(ReadOnlySequence<byte> buffer, out RedisReply reply, out SequencePosition consumed)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (TryRead(ref reader, 0, out var parsed))
        {
            reply = parsed!;
            consumed = reader.Position;
            return true;
        }

        reply = null!;
        consumed = buffer.Start;
        return false;
    }

    private static bool TryRead(ref SequenceReader<byte> reader, int depth, out RedisReply? reply)
    {
        reply = null;
        if (!reader.TryRead(out var type) || !reader.TryReadTo(out ReadOnlySequence<byte> line, "\r\n"u8))
        {
            return false;
        }

        switch (type)
        {
            case (byte)'+':
                reply = RedisReply.Simple(Text(line));
                return true;
            case (byte)'-':
                reply = RedisReply.Error(Text(line));
                return true;
            case (byte)':':
                reply = RedisReply.FromInteger(Number(line));
                return true;
            case (byte)'$':
                return TryReadBulk(ref reader, Number(line), out reply);
            case (byte)'*':
                return TryReadArray(ref reader, Number(line), depth, out reply);
            default:
                throw new RedisProtocolException($"Unexpected RESP type byte 0x{type:x2}.");
        }
    }

    private static bool TryReadBulk(ref SequenceReader<byte> reader, long length, out RedisReply? reply)
    {
        reply = null;
        if (length == -1)
        {
            reply = RedisReply.NullBulk;
            return true;
        }

        if (length is < 0 or > MaxBulkLength)
        {
            throw new RedisProtocolException($"Invalid bulk string length {length}.");
        }

        if (reader.Remaining < length + 2)
        {
            return false;
        }

        var value = new byte[length];
        reader.TryCopyTo(value);
        reader.Advance(length);
        if (!reader.IsNext("\r\n"u8, advancePast: true))
        {
            throw new RedisProtocolException("A bulk string does not end with CRLF.");
        }

        reply = RedisReply.FromBulk(value);
        return true;
    }

    private static bool TryReadArray(ref SequenceReader<byte> reader, long count, int depth, out RedisReply? reply)
    {
        reply = null;
        if (count == -1)
        {
            reply = RedisReply.NullArray;
            return true;
        }

        if (count < 0 || depth >= MaxDepth)
        {
            throw new RedisProtocolException($"Invalid array (length {count}, depth {depth}).");
        }

        // Not pre-sized from the untrusted count: a corrupt prefix must not allocate gigabytes before failing.
        var items = new List<RedisReply>();
        for (var i = 0; i < count; i++)
        {
            if (!TryRead(ref reader, depth + 1, out var item))
            {
                return false;
            }

            items.Add(item!);
        }

        reply = RedisReply.FromArray(items);
        return true;
    }

    private static string Text(ReadOnlySequence<byte> line) => Encoding.UTF8.GetString(line);

    private static long Number(ReadOnlySequence<byte> line)
    {
        Span<byte> digits = stackalloc byte[20];
        if (line.Length > digits.Length)
        {
            throw new RedisProtocolException("A RESP number is too long.");
        }

        line.CopyTo(digits);
        digits = digits[..(int)line.Length];
        return Utf8Parser.TryParse(digits, out long value, out var used) && used == digits.Length
            ? value
            : throw new RedisProtocolException($"'{Encoding.ASCII.GetString(digits)}' is not a RESP number.");
    }
}
