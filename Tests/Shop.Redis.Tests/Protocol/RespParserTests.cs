using System.Buffers;
using System.Text;
using Shop.Redis.Protocol;

namespace Shop.Redis.Tests.Protocol;

public class RespParserTests
{
    [Fact]
    public void Parses_every_reply_type()
    {
        Parse("+OK\r\n").Text.Should().Be("OK");
        Parse("-ERR wrong\r\n").Should().Match<RedisReply>(r => r.Kind == RedisReplyKind.Error && r.Text == "ERR wrong");
        Parse(":-42\r\n").Integer.Should().Be(-42);
        Parse("$5\r\nhello\r\n").AsString().Should().Be("hello");
        Parse("$0\r\n\r\n").Bulk.Should().BeEmpty();
        Parse("$-1\r\n").Should().Match<RedisReply>(r => r.IsNull && r.Kind == RedisReplyKind.BulkString);
        Parse("*-1\r\n").Should().Match<RedisReply>(r => r.IsNull && r.Kind == RedisReplyKind.Array);
        Parse("*0\r\n").Items.Should().BeEmpty();
    }

    [Fact]
    public void Parses_nested_arrays_with_mixed_items()
    {
        var reply = Parse("*3\r\n:1\r\n*2\r\n$3\r\nfoo\r\n$-1\r\n+x\r\n");

        reply.Items.Should().HaveCount(3);
        reply.Items![0].Integer.Should().Be(1);
        reply.Items[1].Items![0].AsString().Should().Be("foo");
        reply.Items[1].Items![1].IsNull.Should().BeTrue();
        reply.Items[2].Text.Should().Be("x");
    }

    [Fact]
    public void A_bulk_string_may_contain_CRLF_and_binary()
    {
        var value = new byte[] { 0, 13, 10, 255, 13, 10 };
        var bytes = Encoding.ASCII.GetBytes("$6\r\n").Concat(value).Concat("\r\n"u8.ToArray()).ToArray();

        var parsed = RespParser.TryParse(new ReadOnlySequence<byte>(bytes), out var reply, out _);

        parsed.Should().BeTrue();
        reply.Bulk.Should().Equal(value);
    }

    [Fact]
    public void Every_prefix_of_a_reply_is_incomplete_and_consumes_nothing()
    {
        var bytes = Encoding.ASCII.GetBytes("*2\r\n$5\r\nhello\r\n*1\r\n:123\r\n");
        for (var length = 0; length < bytes.Length; length++)
        {
            var buffer = new ReadOnlySequence<byte>(bytes, 0, length);

            var parsed = RespParser.TryParse(buffer, out _, out var consumed);

            parsed.Should().BeFalse($"{length} of {bytes.Length} bytes are not a whole reply");
            consumed.Should().Be(buffer.Start);
        }
    }

    [Fact]
    public void Replies_split_over_many_segments_at_every_position_parse_the_same()
    {
        const string stream = "+OK\r\n$11\r\nhello world\r\n:7\r\n*2\r\n$1\r\na\r\n-ERR x\r\n$-1\r\n";
        var bytes = Encoding.ASCII.GetBytes(stream);
        for (var cut1 = 1; cut1 < bytes.Length; cut1++)
        {
            for (var cut2 = cut1; cut2 < bytes.Length; cut2 += 3)
            {
                var sequence = Segments(bytes[..cut1], bytes[cut1..cut2], bytes[cut2..]);

                var replies = ParseAll(sequence);

                replies.Select(r => r.ToString()).Should().Equal("OK", "hello world", "7", "[a, ERR x]", "(nil)");
            }
        }
    }

    [Fact]
    public void Fed_one_byte_at_a_time_it_yields_each_reply_once_complete()
    {
        var bytes = Encoding.ASCII.GetBytes("$3\r\nabc\r\n:5\r\n");
        var pending = new List<byte>();
        var replies = new List<string>();
        foreach (var b in bytes)
        {
            pending.Add(b);
            var buffer = new ReadOnlySequence<byte>(pending.ToArray());
            while (RespParser.TryParse(buffer, out var reply, out var consumed))
            {
                replies.Add(reply.ToString());
                buffer = buffer.Slice(consumed);
            }

            pending = [.. buffer.ToArray()];
        }

        replies.Should().Equal("abc", "5");
        pending.Should().BeEmpty();
    }

    [Theory]
    [InlineData("?what\r\n")]
    [InlineData(":12a\r\n")]
    [InlineData("$-5\r\n")]
    [InlineData("$3\r\nabcXY")]
    public void Bytes_that_are_not_RESP_are_a_protocol_error(string input)
    {
        var parse = () => RespParser.TryParse(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(input)), out _, out _);

        parse.Should().Throw<RedisProtocolException>();
    }

    [Fact]
    public void Writes_commands_as_arrays_of_bulk_strings()
    {
        var output = new ArrayBufferWriter<byte>();

        RespWriter.WriteCommand(output, "SET", ["key", "välue", 42L]);

        Encoding.UTF8.GetString(output.WrittenSpan).Should().Be("*4\r\n$3\r\nSET\r\n$3\r\nkey\r\n$6\r\nvälue\r\n$2\r\n42\r\n");
    }

    private static RedisReply Parse(string text)
    {
        var replies = ParseAll(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(text)));
        replies.Should().ContainSingle();
        return replies[0];
    }

    private static List<RedisReply> ParseAll(ReadOnlySequence<byte> buffer)
    {
        var replies = new List<RedisReply>();
        while (RespParser.TryParse(buffer, out var reply, out var consumed))
        {
            replies.Add(reply);
            buffer = buffer.Slice(consumed);
        }

        buffer.Length.Should().Be(0, "every byte belongs to a complete reply");
        return replies;
    }

    private static ReadOnlySequence<byte> Segments(params byte[][] parts)
    {
        var nonEmpty = parts.Where(p => p.Length > 0).ToArray();
        var first = new Segment(nonEmpty[0], 0);
        var last = first;
        foreach (var part in nonEmpty.Skip(1))
        {
            last = last.Append(part);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(byte[] memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
