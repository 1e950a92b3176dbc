using System.Net;
using Shop.Orders.RateLimiting;

namespace Shop.Orders.Tests.RateLimiting;

public class ClientAddressTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void An_IPv4_address_is_its_own_bucket_and_IPv6_is_bucketed_by_its_64_prefix(string address, string bucket)
    {
        ClientAddress.BucketOf(IPAddress.Parse(address)).Should().Be(bucket);
    }

    [Fact]
    public void No_address_means_no_address_bucket()
    {
        ClientAddress.BucketOf(null).Should().BeNull();
    }
}
