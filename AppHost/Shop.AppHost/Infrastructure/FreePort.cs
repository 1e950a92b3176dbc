using System.Net;
using System.Net.Sockets;

namespace Shop.AppHost.Infrastructure;

/// <summary>A free loopback port for an endpoint that is not proxied (infrastructure the services reach directly).</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
