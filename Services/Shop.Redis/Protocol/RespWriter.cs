using System.Buffers;
using System.Buffers.Text;

namespace Shop.Redis.Protocol;

/// <summary>Encodes commands as RESP2 arrays of bulk strings, the form Redis accepts from clients.</summary>
public static class RespWriter
{
    public static void WriteCommand(IBufferWriter<byte> output, string command, IReadOnlyList<RedisArgument> arguments)
    {
        WriteHeader(output, (byte)'*', arguments.Count + 1);
        var name = System.Text.Encoding.ASCII.GetBytes(command);
        WriteBulk(output, name);
        foreach (var argument in arguments)
        {
            WriteBulk(output, argument.Bytes);
        }
    }

    private static void WriteBulk(IBufferWriter<byte> output, ReadOnlySpan<byte> value)
    {
        WriteHeader(output, (byte)'$', value.Length);
        output.Write(value);
        output.Write("\r\n"u8);
    }

    private static void WriteHeader(IBufferWriter<byte> output, byte type, int length)
    {
        var span = output.GetSpan(16);
        span[0] = type;
        Utf8Formatter.TryFormat(length, span[1..], out var written);
        span[1 + written] = (byte)'\r';
        span[2 + written] = (byte)'\n';
        output.Advance(3 + written);
    }
}
