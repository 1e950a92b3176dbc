using Shop.Orders.Apis;

namespace Shop.Orders.Tests.Apis;

public sealed class PageTokenTests
{
    [Fact]
    public void A_token_round_trips_and_is_url_safe()
    {
        var token = new PageToken(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero).AddTicks(1230), Guid.CreateVersion7());

        var encoded = token.Encode();

        encoded.Should().MatchRegex("^[A-Za-z0-9_-]+$");
        PageToken.TryDecode(encoded, out var decoded).Should().BeTrue();
        decoded.Should().Be(token);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("not a token")]
    [InlineData("AAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("__________________________________")]
    [InlineData("________________________________")]
    public void Anything_else_is_refused(string token) =>
        PageToken.TryDecode(token, out _).Should().BeFalse();
}
