using System.Net;
using System.Net.Sockets;

namespace Shop.Orders.RateLimiting;

/// <summary>The part of a client's address a limit applies to.</summary>
public static class ClientAddress
{
    /// <summary>An IPv4 address as it is; an IPv6 address by its /64 prefix, because one subscriber usually holds a whole
    /// /64 and could otherwise take a fresh address per request. Null when there is no IP (in-process test host).</summary>
    public static string? BucketOf(IPAddress? address)
    {
        if (address is null)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
