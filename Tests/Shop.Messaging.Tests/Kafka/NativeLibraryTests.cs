using Confluent.Kafka;
using Shop.Messaging.Tests.Support;

namespace Shop.Messaging.Tests.Kafka;

/// <summary>The mock broker's own P/Invoke and Confluent.Kafka share one librdkafka: the file from librdkafka.redist.</summary>
public sealed class NativeLibraryTests(KafkaBrokerFixture kafka) : IClassFixture<KafkaBrokerFixture>
{
    [Fact]
    public async Task The_mock_cluster_and_the_clients_run_on_one_librdkafka_from_the_redist_package()
    {
        // Arrange: the fixture's mock cluster came up through the project's P/Invoke; a client goes through Confluent.Kafka.
        using var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers }).Build();

        // Act
        var delivered = await producer.ProduceAsync(TestTopics.Plain, new Message<Null, string> { Value = "one library" });

        // Assert
        delivered.Status.Should().Be(PersistenceStatus.Persisted);
        var mapped = File.ReadLines("/proc/self/maps")
            .Select(line => line.IndexOf('/') is var slash and >= 0 ? line[slash..] : "")
            .Where(path => Path.GetFileName(path).Contains("librdkafka", StringComparison.Ordinal))
            .Distinct()
            .ToList();
        mapped.Should().ContainSingle("the process must hold exactly one copy of librdkafka");
        mapped[0].Should().Contain($"{Path.DirectorySeparatorChar}runtimes{Path.DirectorySeparatorChar}")
            .And.StartWith(AppContext.BaseDirectory, "it is the package's file in the build output, not a system copy");
    }
}
