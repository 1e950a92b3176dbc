using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Shop.KafkaBroker;
using Shop.LocalHost.Health;
using Shop.LocalHost.Infrastructure;
using Shop.LocalHost.Ports;
using Shop.LocalHost.Prerequisites;
using Shop.LocalHost.State;
using Shop.LocalHost.Supervision;

namespace Shop.LocalHost;

/// <summary>
/// The shop's topology from local binaries (DESIGN §7): a throw-away PostgreSQL cluster with the four
/// databases, redis-server, the librdkafka mock cluster with the project's topics, and each service as its own
/// supervised OS process with the environment Aspire would inject. Used by <c>./shop run</c> and by the
/// end-to-end tests. Disposing it stops every process it started and removes the throw-away data.
/// </summary>
public sealed class LocalTopology : IAsyncDisposable
{
    // Inherited variables a service must not see: LocalHost sets its own values, as Aspire would, and
    // hooks meant for LocalHost itself (dotnet watch) would break the services.
    private static readonly string[] VariablesOwnedByLocalHost =
    [
        "ConnectionStrings__", "services__", "ASPNETCORE_", "DOTNET_ENVIRONMENT", "OTEL_SERVICE_NAME",
        "OTEL_RESOURCE_ATTRIBUTES", "Kafka__", "Shop__", "DOTNET_STARTUP_HOOKS", "DOTNET_MODIFIABLE_ASSEMBLIES",
    ];

    private static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(10);

    // .NET runtime settings for every service process, because here they all share one machine with PostgreSQL and
    // each other (on the build machine, five .NET processes on two cores). Server GC's per-core heaps and GC threads,
    // and tiered PGO's extra instrumented compile of every hot method, are worth their CPU on a host with cores to
    // spare, not here: a minute into a load run the services were still compiling instrumented code. With workstation
    // GC and without PGO the closed-loop load run took 57-63 ms of CPU per saga, against 85-214 ms with the defaults
    // (the more loaded the machine, the wider the gap). A variable set in LocalHost's own environment wins, so either
    // can be measured the other way.
    private static readonly IReadOnlyDictionary<string, string> SharedMachineRuntimeSettings = new Dictionary<string, string>
    {
        ["DOTNET_gcServer"] = "0",
        ["DOTNET_TieredPGO"] = "0",
    };

    private readonly MachinePrerequisites _machine;
    private readonly SupervisionPolicy _policy;
    private readonly int _postgresPort;
    private readonly int _redisPort;
    private readonly IReadOnlyList<ServiceInstance> _services;
    private readonly StateFile? _stateFile;
    private readonly ServiceHealthProbe _health = new();
    private readonly List<ComponentLog> _logs = [];
    private RunDirectory? _run;
    private PostgresCluster? _postgres;
    private RedisServer? _redis;
    private KafkaMockCluster? _kafka;
    private bool _stateFileClaimed;
    private int _disposed;

    private LocalTopology(LocalTopologyOptions options, MachinePrerequisites machine)
    {
        Options = options;
        _machine = machine;
        _policy = new SupervisionPolicy(options.RestartDelay, options.MaxRestartDelay, StableAfter, options.StopGracePeriod);
        // Every port is chosen before anything starts, so a port problem stops the start with nothing to undo.
        _postgresPort = FreePort.Next();
        _redisPort = FreePort.Next();
        _services =
        [
            .. options.Services.Select(ShopServices.Get).SelectMany(service => Enumerable.Range(1, options.Replicas)
                .Select(replica => new ServiceInstance(
                    service, options.Replicas == 1 ? service.Name : $"{service.Name}-{replica}", FreePort.Next()))),
        ];
        _stateFile = options.StateFilePath is { } path ? new StateFile(path) : null;
    }

    public LocalTopologyOptions Options { get; }

    /// <summary>Marks every process of this run (environment variable <c>SHOP_RUN_ID</c>).</summary>
    public string RunId => Run.Id;

    /// <summary>This run's throw-away data (database files); removed on dispose.</summary>
    public string DataDirectory => Run.Path;

    public PostgresCluster Postgres => _postgres ?? throw NotStarted();

    public RedisServer Redis => _redis ?? throw NotStarted();

    /// <summary>The in-process Kafka mock cluster, with its fault injection.</summary>
    public KafkaMockCluster Kafka => _kafka ?? throw NotStarted();

    /// <summary>Null when the options asked for no state file.</summary>
    public string? StateFilePath => _stateFile?.Path;

    /// <summary>Names of the service processes: the service names, or <c>orders-1</c>, ... with replicas.</summary>
    public IReadOnlyList<string> ServiceInstances => [.. _services.Select(instance => instance.Name)];

    /// <summary>The connection strings a service gets, by Aspire name: the four databases, <c>kafka</c>, <c>cache</c>.</summary>
    public IReadOnlyDictionary<string, string> ConnectionStrings => new Dictionary<string, string>(
        ShopServices.All.Select(service => KeyValuePair.Create(service.Database, Postgres.ConnectionString(service.Database))))
    {
        ["kafka"] = Kafka.BootstrapServers,
        ["cache"] = Redis.ConnectionString,
    };

    /// <summary>Every component with its current pid, as <c>.shop/state.json</c> lists them.</summary>
    public IReadOnlyList<ComponentInfo> Components
    {
        get
        {
            var components = new List<ComponentInfo>();
            if (_postgres is { } postgres)
            {
                components.Add(new ComponentInfo("postgres", postgres.Pid, Port: postgres.Port));
            }

            if (_redis is { } redis)
            {
                components.Add(new ComponentInfo("redis", redis.Pid, Port: redis.Port));
            }

            if (_kafka is { } kafka)
            {
                components.Add(new ComponentInfo("kafka", Environment.ProcessId, Port: kafka.BrokerPorts[0])
                {
                    BootstrapServers = kafka.BootstrapServers,
                });
            }

            components.AddRange(_services
                .Where(instance => instance.Process is not null)
                .Select(instance => new ComponentInfo(instance.Name, instance.Process!.Pid, instance.Url)));
            return components;
        }
    }

    private RunDirectory Run => _run ?? throw NotStarted();

    /// <summary>
    /// Checks the machine's prerequisites, then starts the infrastructure (waiting until each accepts
    /// connections) and launches the services. It does not wait for the services to be healthy: see
    /// <see cref="WaitForHealthyAsync(TimeSpan, CancellationToken)"/>. On failure everything started is stopped.
    /// </summary>
    /// <exception cref="MissingPrerequisiteException">Something the machine must provide is absent.</exception>
    /// <exception cref="LocalTopologyException">A component did not start.</exception>
    public static async Task<LocalTopology> StartAsync(LocalTopologyOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LocalTopologyOptions();
        options.Validate();
        var machine = MachinePrerequisites.Check(options);
        var topology = new LocalTopology(options, machine);
        try
        {
            await topology.StartComponentsAsync(cancellationToken);
            return topology;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Win32Exception)
        {
            // A folder that cannot be written or a program that cannot be executed: say which, in one line.
            await topology.DisposeAsync();
            throw new LocalTopologyException(ex.Message, ex);
        }
        catch
        {
            await topology.DisposeAsync();
            throw;
        }
    }

    /// <summary>The URL of a service instance; a service name means its first instance.</summary>
    public Uri ServiceUrl(string name) => Instance(name).Url;

    /// <summary>Current pid of a component (<c>postgres</c>, <c>redis</c>, <c>kafka</c> = this process, or a service instance).</summary>
    public int ProcessId(string name) => name switch
    {
        "postgres" => Postgres.Pid,
        "redis" => Redis.Pid,
        "kafka" => Environment.ProcessId,
        _ => Instance(name).Process?.Pid ?? throw NotStarted(),
    };

    public string LogPath(string name) => Path.Combine(Options.LogDirectory, name + ".log");

    /// <summary>SIGKILLs a component's process (a service instance, postgres or redis) and returns the killed pid
    /// once it is gone. Supervision restarts it; wait for that with <see cref="WaitForHealthyAsync(string, TimeSpan, CancellationToken)"/>.</summary>
    public Task<int> KillAsync(string name, CancellationToken cancellationToken = default) => name switch
    {
        "postgres" => Postgres.Process.KillAsync(cancellationToken),
        "redis" => Redis.Process.KillAsync(cancellationToken),
        "kafka" => throw new ArgumentException("kafka runs inside LocalHost; use Kafka.SetBrokerDown for broker faults", nameof(name)),
        _ => (Instance(name).Process ?? throw NotStarted()).KillAsync(cancellationToken),
    };

    /// <summary>Stops a service's instances (service name) or one instance for good — stop signal, killed after the
    /// grace period, no restart — as an operator taking it down would; <see cref="StartServiceAsync"/> brings it back.</summary>
    public async Task StopServiceAsync(string name)
    {
        var stopping = InstancesOf(name).Where(instance => instance.Process is not null).ToList();
        await Task.WhenAll(stopping.Select(instance => instance.Process!.StopAsync()));
        foreach (var instance in stopping)
        {
            instance.Process = null;
        }

        WriteState();
    }

    /// <summary>Starts the stopped instances of a service (or one stopped instance) again, on the same ports.</summary>
    public Task StartServiceAsync(string name, TimeSpan healthyWithin, CancellationToken cancellationToken = default)
    {
        foreach (var instance in InstancesOf(name).Where(instance => instance.Process is null))
        {
            StartService(instance);
        }

        return WaitForHealthyAsync(name, healthyWithin, cancellationToken);
    }

    private List<ServiceInstance> InstancesOf(string name)
    {
        var instances = _services.Where(instance => instance.Name == name || instance.Definition.Name == name).ToList();
        return instances.Count > 0 ? instances : throw UnknownInstance(name);
    }

    /// <summary>Asks a service instance's <c>GET /health</c> once.</summary>
    public Task<HealthProbeResult> ProbeHealthAsync(string name, CancellationToken cancellationToken = default) =>
        _health.ProbeAsync(Instance(name).Url, cancellationToken);

    /// <summary>Waits until every service instance answers <c>GET /health</c> with 200.</summary>
    /// <exception cref="LocalTopologyException">Some did not within <paramref name="timeout"/>; the message says which, their last answer and their log.</exception>
    public Task WaitForHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitForHealthyAsync(_services, timeout, cancellationToken);

    /// <summary>Waits until a service's instances (service name) or one instance answer <c>GET /health</c> with 200.</summary>
    public Task WaitForHealthyAsync(string name, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var instances = _services.Where(instance => instance.Name == name || instance.Definition.Name == name).ToList();
        return instances.Count > 0
            ? WaitForHealthyAsync(instances, timeout, cancellationToken)
            : throw UnknownInstance(name);
    }

    /// <summary>Stops the services, then the infrastructure (each with its stop signal, killed after the grace
    /// period), kills anything left carrying this run's id, removes the throw-away data and the state file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await Quietly("stop the services", () => Task.WhenAll(_services
            .Select(instance => instance.Process)
            .OfType<SupervisedProcess>()
            .Select(process => process.StopAsync())));
        await Quietly("stop redis and postgres", () => Task.WhenAll(
            _redis?.DisposeAsync().AsTask() ?? Task.CompletedTask,
            _postgres?.DisposeAsync().AsTask() ?? Task.CompletedTask));
        await Quietly("stop the Kafka mock cluster", () =>
        {
            _kafka?.Dispose();
            return Task.CompletedTask;
        });
        await Quietly("remove the run's data", () =>
        {
            if (_run is { } run)
            {
                if (run.KillLeftoverProcesses() is var killed and > 0)
                {
                    Note($"killed {killed} leftover processes of run {run.Id}");
                }

                if (!run.TryDelete())
                {
                    Note($"could not remove {run.Path}; the next start will try again");
                }
            }

            if (_stateFileClaimed)
            {
                _stateFile!.Delete();
            }

            return Task.CompletedTask;
        });
        _health.Dispose();
        foreach (var log in _logs)
        {
            log.Dispose();
        }
    }

    private async Task StartComponentsAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        foreach (var note in RunDirectory.RemoveStaleRuns(Options.DataRoot))
        {
            Note(note);
        }

        _stateFile?.ThrowIfOwnedByAnotherProcess();
        _stateFileClaimed = _stateFile is not null;
        _run = RunDirectory.Create(Options.DataRoot);
        var runEnvironment = new Dictionary<string, string> { [RunDirectory.RunIdVariable] = _run.Id };

        // Independent of each other, so started side by side: initdb dominates, Redis and Kafka take milliseconds.
        await Task.WhenAll(
            StartPostgresAsync(runEnvironment, cancellationToken),
            StartRedisAsync(runEnvironment, cancellationToken),
            StartKafkaAsync(cancellationToken));
        Note($"infrastructure ready after {clock.Elapsed.TotalSeconds:0.0} s");
        WriteState();

        foreach (var instance in _services)
        {
            StartService(instance);
        }

        WriteState();
    }

    private async Task StartPostgresAsync(IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var setup = new InfrastructureSetup(_postgresPort, Run.Subdirectory("postgres"), OpenLog("postgres"), _policy, environment,
            Run.RecordProcess, Options.InfrastructureStartTimeout);
        _postgres = await PostgresCluster.StartAsync(setup, _machine.PostgresBinDirectory, _machine.PostgresUser,
            [.. ShopServices.All.Select(service => service.Database)], cancellationToken);
        _postgres.Process.Started += (_, _) => WriteState();
    }

    private async Task StartRedisAsync(IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var setup = new InfrastructureSetup(_redisPort, Run.Subdirectory("redis"), OpenLog("redis"), _policy, environment,
            Run.RecordProcess, Options.InfrastructureStartTimeout);
        _redis = await RedisServer.StartAsync(setup, _machine.RedisServer, cancellationToken);
        _redis.Process.Started += (_, _) => WriteState();
    }

    private async Task StartKafkaAsync(CancellationToken cancellationToken)
    {
        try
        {
            _kafka = KafkaMockCluster.Start(Options.KafkaBrokers);
            _kafka.CreateTopics(Options.KafkaTopics, Options.KafkaPartitions);
            // Kafka's default 3 s wait for more members before a new group's first assignment only delays every
            // service start (and every restart) here; real brokers keep their own setting.
            _kafka.SetGroupInitialRebalanceDelay(TimeSpan.Zero);
        }
        catch (InvalidOperationException ex)
        {
            throw new LocalTopologyException($"kafka: {ex.Message}", ex);
        }

        try
        {
            await _kafka.WaitUntilTopicsVisibleAsync(Options.KafkaTopics, Options.KafkaPartitions, Options.InfrastructureStartTimeout,
                cancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw new LocalTopologyException(ex.Message, ex);
        }
    }

    private void StartService(ServiceInstance instance)
    {
        var entryAssembly = instance.Definition.EntryAssemblyPath(Options.RepoRoot, Options.Configuration);
        var spec = new ProcessSpec(instance.Name, _machine.Dotnet, [entryAssembly])
        {
            // The content root (appsettings.json) is the working directory, as under 'dotnet run' of the build output.
            WorkingDirectory = Path.GetDirectoryName(entryAssembly),
            Environment = ServiceEnvironment(instance),
            RemoveInheritedPrefixes = VariablesOwnedByLocalHost,
            OnStarted = Run.RecordProcess,
        };
        // A service started again after StopServiceAsync keeps writing to its log: opening it anew would truncate it.
        var log = instance.Log ??= OpenLog(instance.Name);
        var process = new SupervisedProcess(spec, log, _policy);
        process.Started += (_, _) => WriteState();
        process.Start();
        instance.Process = process;
    }

    /// <summary>What Aspire would inject for this service, plus LocalHost's own settings.</summary>
    private Dictionary<string, string> ServiceEnvironment(ServiceInstance instance)
    {
        var service = instance.Definition;
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = instance.Url.GetLeftPart(UriPartial.Authority),
            ["ASPNETCORE_ENVIRONMENT"] = Options.EnvironmentName,
            ["DOTNET_ENVIRONMENT"] = Options.EnvironmentName,
            [$"ConnectionStrings__{service.Database}"] = Postgres.ConnectionString(service.Database),
            ["ConnectionStrings__kafka"] = Kafka.BootstrapServers,
            ["ConnectionStrings__cache"] = Redis.ConnectionString,
            ["OTEL_SERVICE_NAME"] = service.Name,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={instance.Name}",
            ["Kafka__Partitions"] = Options.KafkaPartitions.ToString(CultureInfo.InvariantCulture),
            // The mock broker does not answer a waiting fetch when data arrives; it holds it for the full wait. 1 ms
            // instead of 5 took one producer-to-consumer hop from 3.7 to 1.4 ms at p50 in isolation, but not the whole
            // saga: at 10 orders/s end to end it gave p50/p99 70/161 ms against 69/102 ms with 5, and 101 against 76 ms
            // of the shop's CPU per saga for its empty fetches. (The diagnostics consumers wait at least
            // Kafka:OffPathFetchWaitMaxMs either way.)
            ["Kafka__FetchWaitMaxMs"] = "5",
            // A killed instance's partitions stand still until the group gives up on it; here processes are
            // killed on purpose (chaos tests), so the group gives up after 4 s instead of 10.
            ["Kafka__SessionTimeoutMs"] = "4000",
            // The mock broker taken down and up again (chaos tests) can leave a request unanswered: give up on it after
            // 10 s instead of 60 and send it again, or a produce stuck that way stalls its whole partition for a minute.
            ["Kafka__SocketTimeoutMs"] = "10000",
            // The mock broker sometimes never answers a JoinGroup after a member was killed and its coordinator taken
            // down (chaos tests: the group, and the killed member's partitions, stood still until the end of the run).
            // A consumer waits max.poll.interval.ms + 3 s for that answer before it joins again: 18 s here, not 303.
            ["Kafka__MaxPollIntervalMs"] = "15000",
            ["Shop__Diagnostics__Enabled"] = "true",
            [RunDirectory.RunIdVariable] = Run.Id,
        };

        foreach (var (name, value) in SharedMachineRuntimeSettings)
        {
            if (Environment.GetEnvironmentVariable(name) is null)
            {
                environment[name] = value;
            }
        }

        // Every other service's endpoints, in the service discovery form; replicas are endpoints 0..N-1.
        foreach (var other in _services.Where(other => other.Definition != service).GroupBy(other => other.Definition.Name))
        {
            foreach (var (replica, index) in other.Select((replica, index) => (replica, index)))
            {
                environment[$"services__{other.Key}__http__{index}"] = replica.Url.GetLeftPart(UriPartial.Authority);
            }
        }

        foreach (var key in new[] { service.Name, instance.Name }.Distinct())
        {
            if (Options.ServiceEnvironment.TryGetValue(key, out var extra))
            {
                foreach (var (name, value) in extra)
                {
                    environment[name] = value;
                }
            }
        }

        return environment;
    }

    private async Task WaitForHealthyAsync(IReadOnlyList<ServiceInstance> instances, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var failures = await Task.WhenAll(instances.Select(async instance =>
        {
            var lastAnswer = "no answer yet";
            try
            {
                await Poll.UntilAsync(
                    async token =>
                    {
                        var result = await _health.ProbeAsync(instance.Url, token);
                        lastAnswer = result.Detail;
                        return result.Healthy;
                    },
                    timeout,
                    () => "",
                    cancellationToken,
                    TimeSpan.FromMilliseconds(250));
                return null;
            }
            catch (LocalTopologyException)
            {
                var exits = instance.Process?.UnexpectedExits ?? 0;
                return $"{instance.Name} (last answer: {lastAnswer}; {exits} unexpected exits; log: {LogPath(instance.Name)})";
            }
        }));
        var unhealthy = failures.OfType<string>().ToList();
        if (unhealthy.Count > 0)
        {
            throw new LocalTopologyException(
                $"not healthy (GET /health = 200) within {timeout.TotalSeconds:0} s: {string.Join("; ", unhealthy)}");
        }
    }

    private ServiceInstance Instance(string name) =>
        _services.FirstOrDefault(instance => instance.Name == name)
        ?? _services.FirstOrDefault(instance => instance.Definition.Name == name)
        ?? throw UnknownInstance(name);

    private ArgumentException UnknownInstance(string name) => new(
        $"no service instance '{name}' in this topology (it has: {string.Join(", ", ServiceInstances)})", nameof(name));

    private static InvalidOperationException NotStarted() => new("the topology has not been started");

    private ComponentLog OpenLog(string name)
    {
        var log = new ComponentLog(name, LogPath(name), Options.OutputLine, Options.Notes);
        lock (_logs)
        {
            _logs.Add(log);
        }

        return log;
    }

    private void WriteState()
    {
        if (_stateFile is null || !_stateFileClaimed || Volatile.Read(ref _disposed) == 1)
        {
            return;
        }

        try
        {
            _stateFile.Write(new StateDocument(Environment.ProcessId, Run.Id, [.. Components.Select(StateComponent.From)]));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Note($"could not write {_stateFile.Path}: {ex.Message}");
        }
    }

    private void Note(string message) => Options.Notes?.Invoke(message);

    private async Task Quietly(string step, Func<Task> action)
    {
        // Shutdown goes on past a failed step: what is left running matters more than the first error.
        try
        {
            await action();
        }
        catch (Exception ex)
        {
            Note($"could not {step}: {ex.Message}");
        }
    }
}
