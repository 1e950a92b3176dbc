using Shop.KafkaBroker;
using Shop.Messaging.Kafka;

namespace Shop.Messaging.Tests.Support;

/// <summary>A Kafka-protocol broker (librdkafka's mock cluster, 3 brokers) with the project's topics and
/// the tests' own, shared by the tests of one class.</summary>
public sealed class KafkaBrokerFixture : IDisposable
{
    public const int Partitions = 3;

    public KafkaBrokerFixture()
    {
        Cluster = KafkaMockCluster.Start(brokerCount: 3);
        Cluster.CreateTopics([.. Topics.All, .. TestTopics.All], Partitions);
    }

    public KafkaMockCluster Cluster { get; }

    public string BootstrapServers => Cluster.BootstrapServers;

    public void Dispose() => Cluster.Dispose();
}
