namespace Shop.AppHost.Tests.Manifest;

/// <summary>What the manifest must say of one piece of infrastructure in publish mode: a container of the image the
/// Aspire integration uses (Aspire.Hosting.PostgreSQL and .Redis 13.6.5, and for Kafka what Aspire.Hosting.Kafka 13.4
/// and 13.5 use, as that package is not served here), its ports, the connection string the services get (its start:
/// Redis appends a TLS part that is empty when published), and the settings it needs.</summary>
public sealed record PublishedContainer(
    string Name,
    string Image,
    IReadOnlyDictionary<string, (string Scheme, int TargetPort)> Bindings,
    string ConnectionStringStart,
    IReadOnlyDictionary<string, string> Settings)
{
    public static readonly IReadOnlyList<PublishedContainer> All =
    [
        new("postgres", "docker.io/library/postgres:18.3",
            new Dictionary<string, (string, int)> { ["tcp"] = ("tcp", 5432) },
            "Host={postgres.bindings.tcp.host};Port={postgres.bindings.tcp.port};Username=postgres;Password={postgres-password.value}",
            new Dictionary<string, string>
            {
                ["POSTGRES_USER"] = "postgres",
                ["POSTGRES_PASSWORD"] = "{postgres-password.value}",
            }),
        new("cache", "docker.io/library/redis:8.6",
            new Dictionary<string, (string, int)> { ["tcp"] = ("redis", 6379) },
            "{cache.bindings.tcp.host}:{cache.bindings.tcp.port},password={cache-password.value}",
            new Dictionary<string, string> { ["REDIS_PASSWORD"] = "{cache-password.value}" }),
        new("kafka", "docker.io/confluentinc/confluent-local:8.2.0",
            new Dictionary<string, (string, int)> { ["tcp"] = ("tcp", 9092), ["internal"] = ("tcp", 9093) },
            "{kafka.bindings.tcp.host}:{kafka.bindings.tcp.port}",
            new Dictionary<string, string>
            {
                ["KAFKA_LISTENERS"] =
                    "PLAINTEXT://localhost:29092,CONTROLLER://localhost:29093,PLAINTEXT_HOST://0.0.0.0:9092,PLAINTEXT_INTERNAL://0.0.0.0:9093",
                // The services connect to the tcp binding: the broker must hand them back that same address.
                ["KAFKA_ADVERTISED_LISTENERS"] =
                    "PLAINTEXT://{kafka.bindings.tcp.host}:29092,PLAINTEXT_HOST://{kafka.bindings.tcp.host}:{kafka.bindings.tcp.port}," +
                    "PLAINTEXT_INTERNAL://{kafka.bindings.internal.host}:{kafka.bindings.internal.port}",
            }),
    ];

    public static PublishedContainer Named(string name) => All.Single(container => container.Name == name);
}
