namespace Shop.Messaging;

/// <summary>Who this process is on the bus: the service name (consumer groups, client ids) and a
/// per-process instance id, so replicas of one service can be told apart in logs and pings.</summary>
public sealed record MessagingIdentity(string ServiceName, string InstanceId)
{
    public static MessagingIdentity ForService(string serviceName) =>
        new(serviceName, $"{Environment.MachineName}-{Environment.ProcessId}");
}
