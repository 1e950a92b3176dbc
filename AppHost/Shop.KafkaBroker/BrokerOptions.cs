namespace Shop.KafkaBroker;

/// <summary>The <c>Broker</c> configuration section.</summary>
public sealed class BrokerOptions
{
    public const string SectionName = "Broker";

    /// <summary>Brokers of the mock cluster (ids 1 to N).</summary>
    public int Brokers { get; set; } = 3;

    /// <summary>Partitions of every topic created up front.</summary>
    public int Partitions { get; set; } = 6;

    /// <summary>Topics created up front besides the shop's own (a test's), with <see cref="Partitions"/> each.</summary>
    public List<string> ExtraTopics { get; set; } = [];

    /// <summary>The fixed loopback port clients bootstrap from (the connection string's port), passed through to a
    /// broker that is up; the brokers' own ports are chosen by librdkafka and reach clients through metadata.
    /// 0: none.</summary>
    public int BootstrapPort { get; set; }

    /// <summary>How long the topics may take to become visible through the bootstrap servers.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
