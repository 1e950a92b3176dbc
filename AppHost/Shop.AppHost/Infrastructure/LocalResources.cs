namespace Shop.AppHost.Infrastructure;

/// <summary>A throw-away PostgreSQL cluster from the machine's binaries; its connection string is the server's.</summary>
public sealed class LocalPostgresResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    public EndpointReference PrimaryEndpoint => new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ConnectionString("postgres");

    /// <summary>Trust authentication on loopback, as a throw-away cluster has no password to keep.</summary>
    public ReferenceExpression ConnectionString(string database) => ReferenceExpression.Create(
        $"Host=127.0.0.1;Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username=postgres;Database={database}");
}

/// <summary>One database of <see cref="LocalPostgresResource"/>; created by its health check.</summary>
public sealed class LocalPostgresDatabaseResource(string name, string databaseName, LocalPostgresResource parent)
    : Resource(name), IResourceWithParent<LocalPostgresResource>, IResourceWithConnectionString
{
    public LocalPostgresResource Parent { get; } = parent;

    public string DatabaseName { get; } = databaseName;

    public ReferenceExpression ConnectionStringExpression => Parent.ConnectionString(DatabaseName);
}

/// <summary>redis-server from the machine, persistence off.</summary>
public sealed class LocalRedisResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    public EndpointReference PrimaryEndpoint => new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"127.0.0.1:{PrimaryEndpoint.Property(EndpointProperty.Port)}");
}

/// <summary>Shop.KafkaBroker: librdkafka's mock cluster; clients bootstrap from <see cref="PrimaryEndpoint"/>.</summary>
public sealed class LocalKafkaBrokerResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    /// <summary>The HTTP admin endpoint: <c>/health</c> and fault injection.</summary>
    public const string AdminEndpointName = "admin";

    public EndpointReference PrimaryEndpoint => new(this, EndpointName);

    public EndpointReference AdminEndpoint => new(this, AdminEndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"127.0.0.1:{PrimaryEndpoint.Property(EndpointProperty.Port)}");
}

/// <summary>Kafka in a container: the image and listeners Aspire.Hosting.Kafka uses (not served here).</summary>
public sealed class KafkaContainerResource(string name) : ContainerResource(name), IResourceWithConnectionString
{
    public const string PrimaryEndpointName = "tcp";
    public const string InternalEndpointName = "internal";

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);

    public EndpointReference InternalEndpoint => new(this, InternalEndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)}");
}
