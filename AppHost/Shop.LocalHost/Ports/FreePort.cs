using System.Net;
using System.Net.Sockets;
using Shop.LocalHost.Prerequisites;

namespace Shop.LocalHost.Ports;

/// <summary>
/// Hands out free loopback ports, so several topologies can run side by side.
/// </summary>
/// <remarks>
/// Ports come from below the kernel's ephemeral range when there is room there. A supervised process is
/// restarted on the same port, and a port inside the ephemeral range may meanwhile be taken as the local end
/// of some outgoing connection; below the range only listeners compete for it. Every candidate is checked by
/// binding it, and a port is never handed out twice by one LocalHost process.
/// </remarks>
public static class FreePort
{
    private const int LowestCandidate = 20_000;
    private const int Attempts = 200;
    private static readonly HashSet<int> HandedOut = [];
    private static readonly Lock Gate = new();

    public static int Next()
    {
        var ceiling = EphemeralRangeStart() - 1;
        lock (Gate)
        {
            for (var attempt = 0; attempt < Attempts; attempt++)
            {
                var candidate = ceiling > LowestCandidate + 1_000 ? Random.Shared.Next(LowestCandidate, ceiling + 1) : 0;
                var port = TryBind(candidate);
                if (port is int bound && HandedOut.Add(bound))
                {
                    return bound;
                }
            }
        }

        throw new LocalTopologyException($"no free TCP port found on 127.0.0.1 after {Attempts} attempts");
    }

    private static int? TryBind(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return ((IPEndPoint)socket.LocalEndPoint!).Port;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return null;
        }
        catch (SocketException ex)
        {
            throw new MissingPrerequisiteException(
                $"a bindable TCP port on 127.0.0.1 ({ex.SocketErrorCode}: {ex.Message})",
                "check that the loopback interface is up and that this user may open listening sockets");
        }
    }

    private static int EphemeralRangeStart()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range")
                .Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(range[0]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 32_768;
        }
    }
}
