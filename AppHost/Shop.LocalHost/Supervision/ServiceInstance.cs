namespace Shop.LocalHost.Supervision;

/// <summary>One process of one service: its name in listings (<c>orders</c>, or <c>orders-2</c> with replicas) and its URL.</summary>
internal sealed class ServiceInstance(ServiceDefinition definition, string name, int port)
{
    public ServiceDefinition Definition { get; } = definition;

    public string Name { get; } = name;

    public int Port { get; } = port;

    public Uri Url { get; } = new($"http://127.0.0.1:{port}");

    /// <summary>Set once the instance has been started.</summary>
    public SupervisedProcess? Process { get; set; }

    /// <summary>Its log, opened at the first start and kept across stops and starts.</summary>
    public ComponentLog? Log { get; set; }
}
