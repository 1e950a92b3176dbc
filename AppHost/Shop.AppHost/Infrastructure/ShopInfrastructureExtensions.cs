using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Shop.AppHost.Infrastructure;

public static class ShopInfrastructureExtensions
{
    // The image and tag of Aspire.Hosting.Kafka 13.4-13.5 (KafkaContainerImageTags), which the feed here does not serve.
    private const string KafkaImageRegistry = "docker.io";
    private const string KafkaImage = "confluentinc/confluent-local";
    private const string KafkaImageTag = "8.2.0";
    private const int KafkaBrokerPort = 9092;
    private const int KafkaInternalBrokerPort = 9093;

    /// <summary>Adds <c>postgres</c> (and its databases), <c>cache</c> and <c>kafka</c> the way <paramref name="mode"/> says.</summary>
    public static ShopInfrastructure AddShopInfrastructure(
        this IDistributedApplicationBuilder builder, InfrastructureMode mode, IResourceBuilder<ParameterResource> kafkaPartitions) =>
        mode == InfrastructureMode.Containers ? builder.AddContainerInfrastructure() : builder.AddLocalInfrastructure(kafkaPartitions);

    private static ShopInfrastructure AddContainerInfrastructure(this IDistributedApplicationBuilder builder)
    {
        // Data volumes are opt-in (Shop:DataVolumes=true): a kept volume also keeps the password of the run that
        // created it, which the next run's generated password would not match.
        var keepData = builder.Configuration.GetValue("Shop:DataVolumes", false);
        var postgres = builder.AddPostgres("postgres");
        var cache = builder.AddRedis("cache");
        if (keepData)
        {
            postgres.WithDataVolume();
            cache.WithDataVolume();
        }

        var databases = ShopInfrastructure.DatabaseNames.ToDictionary(
            name => name, name => AsConnectionString(builder, postgres.AddDatabase(name).Resource));
        var kafka = builder.AddKafkaContainer("kafka", keepData);
        return new ShopInfrastructure(InfrastructureMode.Containers, AsConnectionString(builder, postgres.Resource), databases,
            AsConnectionString(builder, cache.Resource), AsConnectionString(builder, kafka.Resource));
    }

    /// <summary>Kafka in KRaft mode from confluent-local, listeners as Aspire.Hosting.Kafka sets them.</summary>
    private static IResourceBuilder<KafkaContainerResource> AddKafkaContainer(this IDistributedApplicationBuilder builder, string name, bool keepData)
    {
        var kafka = new KafkaContainerResource(name);
        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheck, _ => new KafkaMetadataHealthCheck(kafka.ConnectionStringExpression), failureStatus: null, tags: null));
        var resource = builder.AddResource(kafka)
            .WithImage(KafkaImage, KafkaImageTag)
            .WithImageRegistry(KafkaImageRegistry)
            .WithEndpoint(targetPort: KafkaBrokerPort, name: KafkaContainerResource.PrimaryEndpointName)
            .WithEndpoint(targetPort: KafkaInternalBrokerPort, name: KafkaContainerResource.InternalEndpointName)
            .WithEnvironment(context =>
            {
                context.EnvironmentVariables["KAFKA_LISTENERS"] =
                    $"PLAINTEXT://localhost:29092,CONTROLLER://localhost:29093,PLAINTEXT_HOST://0.0.0.0:{KafkaBrokerPort},PLAINTEXT_INTERNAL://0.0.0.0:{KafkaInternalBrokerPort}";
                context.EnvironmentVariables["KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"] =
                    "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,PLAINTEXT_HOST:PLAINTEXT,PLAINTEXT_INTERNAL:PLAINTEXT";
                context.EnvironmentVariables["KAFKA_ADVERTISED_LISTENERS"] = context.ExecutionContext.IsRunMode
                    ? ReferenceExpression.Create(
                        $"PLAINTEXT://localhost:29092,PLAINTEXT_HOST://localhost:{kafka.PrimaryEndpoint.Property(EndpointProperty.Port)},PLAINTEXT_INTERNAL://{kafka.Name}:{kafka.InternalEndpoint.Property(EndpointProperty.TargetPort)}")
                    : ReferenceExpression.Create(
                        $"PLAINTEXT://{kafka.PrimaryEndpoint.Property(EndpointProperty.Host)}:29092,PLAINTEXT_HOST://{kafka.PrimaryEndpoint.Property(EndpointProperty.HostAndPort)},PLAINTEXT_INTERNAL://{kafka.InternalEndpoint.Property(EndpointProperty.HostAndPort)}");
            })
            .WithHealthCheck(healthCheck);
        if (keepData)
        {
            resource.WithVolume($"{builder.Environment.ApplicationName.ToLowerInvariant()}-{name}-data", "/var/lib/kafka/data")
                .WithEnvironment("KAFKA_LOG_DIRS", "/var/lib/kafka/data");
        }

        return resource;
    }

    private static ShopInfrastructure AddLocalInfrastructure(
        this IDistributedApplicationBuilder builder, IResourceBuilder<ParameterResource> kafkaPartitions)
    {
        var binaries = LocalBinaries.Find();
        var run = builder.ExecutionContext.IsRunMode ? LocalRunDirectory.Create() : LocalRunDirectory.ForPublishing();
        builder.Services.AddSingleton(run);
        builder.Services.AddHostedService<LocalRunDirectoryCleanup>();

        var postgres = builder.AddLocalPostgres("postgres", binaries, run);
        var databases = ShopInfrastructure.DatabaseNames.ToDictionary(
            name => name, name => AsConnectionString(builder, postgres.AddLocalDatabase(name).Resource));
        var cache = builder.AddLocalRedis("cache", binaries, run);
        var kafka = builder.AddLocalKafkaBroker("kafka", kafkaPartitions);
        return new ShopInfrastructure(InfrastructureMode.Local, AsConnectionString(builder, postgres.Resource), databases,
            AsConnectionString(builder, cache.Resource), AsConnectionString(builder, kafka.Resource));
    }

    private static IResourceBuilder<LocalPostgresResource> AddLocalPostgres(
        this IDistributedApplicationBuilder builder, string name, LocalBinaries binaries, LocalRunDirectory run)
    {
        var port = FreePort.Next();
        var data = run.Subdirectory("postgres");
        var bin = binaries.PostgresBinDirectory;
        // initdb only when the folder is empty: a restart through the resource's command keeps the data, as a
        // restarted server would. --no-sync skips initdb's own flushes (the cluster is rebuilt on every run); the
        // server keeps fsync on. TCP only (-k ''), more connections than the default 100 (replicas × pools), and
        // syncfs for the data directory after a crash instead of one fsync per file.
        var script = string.Join(' ',
            $"[ -f '{data}/PG_VERSION' ] || '{bin}/initdb' -D '{data}' --auth=trust -U postgres -E UTF8 --no-locale --no-sync --no-instructions || exit 1;",
            $"exec '{bin}/postgres' -D '{data}' -p {port.ToString(CultureInfo.InvariantCulture)} -h 127.0.0.1 -k ''",
            // PostgreSQL logs everything on stderr, which the dashboard would show as errors: its log goes to stdout.
            "-c max_connections=300 -c recovery_init_sync_method=syncfs 2>&1");
        // PostgreSQL refuses to run as root: then it runs as the postgres user (setpriv execs, so the resource's
        // pid is the postmaster's and its stop signal reaches it).
        var (command, prefix) = binaries.RunAsUser is { } user
            ? ("setpriv", new[] { $"--reuid={user}", $"--regid={user}", "--init-groups", "--", "/bin/sh", "-c", script })
            : ("/bin/sh", new[] { "-c", script });
        var postgres = new LocalPostgresResource(name, command, run.Path);
        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheck, _ => new LocalPostgresHealthCheck(port, database: null), failureStatus: null, tags: null));
        if (builder.ExecutionContext.IsRunMode)
        {
            run.PrepareForUser(data, binaries.RunAsUser);
        }

        return builder.AddResource(postgres)
            .WithArgs(prefix)
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: LocalPostgresResource.EndpointName, isProxied: false)
            .WithHealthCheck(healthCheck);
    }

    private static IResourceBuilder<LocalPostgresDatabaseResource> AddLocalDatabase(this IResourceBuilder<LocalPostgresResource> server, string name)
    {
        var port = server.Resource.Annotations.OfType<EndpointAnnotation>().Single().Port!.Value;
        var healthCheck = $"{name}_check";
        // Created by its health check, once the server accepts connections: WaitFor(database) means it exists.
        server.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheck, _ => new LocalPostgresHealthCheck(port, database: name), failureStatus: null, tags: null));
        var database = new LocalPostgresDatabaseResource(name, name, server.Resource);
        // Nothing runs for a database of its own: it is running once its server is, and healthy once its check has
        // created it (the state is what Aspire's health checks and WaitFor go by).
        server.ApplicationBuilder.Eventing.Subscribe<ResourceReadyEvent>(server.Resource, (e, _) =>
            e.Services.GetRequiredService<ResourceNotificationService>().PublishUpdateAsync(database, state => state with
            {
                State = KnownResourceStates.Running,
                ResourceType = "PostgresDatabase",
                Properties = [new("postgres.database", name)],
            }));
        return server.ApplicationBuilder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgresDatabase",
                State = KnownResourceStates.Waiting,
                Properties = [new("postgres.database", name)],
            })
            .WithHealthCheck(healthCheck);
    }

    private static IResourceBuilder<LocalRedisResource> AddLocalRedis(
        this IDistributedApplicationBuilder builder, string name, LocalBinaries binaries, LocalRunDirectory run)
    {
        var port = FreePort.Next();
        var data = run.Subdirectory("redis");
        if (builder.ExecutionContext.IsRunMode)
        {
            Directory.CreateDirectory(data);
        }

        var healthCheck = $"{name}_check";
        // The check Aspire.Hosting.Redis gives its container (AspNetCore.HealthChecks.Redis: PING over StackExchange.Redis).
        builder.Services.AddHealthChecks().AddRedis($"127.0.0.1:{port}", name: healthCheck);
        // Persistence off: rate limits and the product cache rebuild themselves.
        return builder.AddResource(new LocalRedisResource(name, binaries.RedisServer, data))
            .WithArgs("--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                "--dir", data, "--daemonize", "no")
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: LocalRedisResource.EndpointName, isProxied: false)
            .WithHealthCheck(healthCheck);
    }

    private static IResourceBuilder<LocalKafkaBrokerResource> AddLocalKafkaBroker(
        this IDistributedApplicationBuilder builder, string name, IResourceBuilder<ParameterResource> partitions)
    {
        var port = FreePort.Next();
        var entryAssembly = BuildOutput.EntryAssembly(new Projects.Shop_KafkaBroker().ProjectPath, "Shop.KafkaBroker");
        var broker = new LocalKafkaBrokerResource(name, BuildOutput.Dotnet(), Path.GetDirectoryName(entryAssembly)!);
        return builder.AddResource(broker)
            .WithArgs(entryAssembly)
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: LocalKafkaBrokerResource.EndpointName, isProxied: false)
            .WithHttpEndpoint(name: LocalKafkaBrokerResource.AdminEndpointName)
            .WithEnvironment(context =>
            {
                context.EnvironmentVariables["ASPNETCORE_URLS"] = ReferenceExpression.Create(
                    $"http://127.0.0.1:{broker.AdminEndpoint.Property(EndpointProperty.TargetPort)}");
                context.EnvironmentVariables["Broker__BootstrapPort"] = port.ToString(CultureInfo.InvariantCulture);
                context.EnvironmentVariables["Broker__Partitions"] = partitions.Resource;
                context.EnvironmentVariables["DOTNET_gcServer"] = "0";
            })
            .WithHttpHealthCheck("/health", endpointName: LocalKafkaBrokerResource.AdminEndpointName);
    }

    private static IResourceBuilder<IResourceWithConnectionString> AsConnectionString(
        IDistributedApplicationBuilder builder, IResourceWithConnectionString resource) => builder.CreateResourceBuilder(resource);
}
