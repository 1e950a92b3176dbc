using System.Globalization;

namespace Shop.LoadTests;

/// <summary>The generator's command line (<see cref="Usage"/>).</summary>
public sealed record LoadOptions
{
    public const string Usage = """
        usage: Shop.LoadTests open --rate R [options]
               Shop.LoadTests closed --concurrency C [options]
               Shop.LoadTests closed --find-max [--max-concurrency N] [options]
        target (default: the system of ./shop run, found through .shop/state.json):
          --state-file PATH         the state file of another running ./shop run (--state-file there)
          --start-apphost           start the AppHost in this process (Aspire.Hosting.Testing; the services as
                                    Production, orders' rate limiter per client address raised)
          --replicas N              with --start-apphost: processes per service (default 1)
          --partitions N            with --start-apphost: partitions per topic (default 6)
        load:
          --duration S              measured seconds (per step with --find-max; default 30)
          --warmup S                unmeasured closed-loop seconds first (default 5)
          --customers N             paying customers to spread orders over (default 1000)
          --products N              products in stock (default 20)
          --mix S/O/D               percent paid / out of stock / declined (default 90/5/5)
          --observe poll|events     how an order's terminal status is seen: polling GET /api/orders/{id} (default) or
                                    its Server-Sent Events stream GET /api/orders/{id}/events
          --poll-ms MS              first status poll after the POST, and the floor of the poll interval (default 5)
          --order-timeout S         an order not terminal by then counts as a timeout (default 30)
          --max-in-flight N         open loop: arrivals beyond this many orders in flight are counted as skipped (default 5000)
        report:
          --report DIR              where report.json and report.html go (default .shop/load/<UTC time>)
          --pgbench-seconds S       PostgreSQL single-insert ceiling run (16 clients; 0 skips it; default 10)
          --quiet                   no live progress on stderr
        """;

    public LoadMode Mode { get; init; }

    public double Rate { get; init; }

    public int Concurrency { get; init; }

    public bool FindMax { get; init; }

    public int MaxConcurrency { get; init; } = 512;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);

    public string? StateFile { get; init; }

    public bool StartAppHost { get; init; }

    public int Replicas { get; init; } = 1;

    public int Partitions { get; init; } = 6;

    public int Customers { get; init; } = 1000;

    public int Products { get; init; } = 20;

    public OrderMix Mix { get; init; } = OrderMix.Default;

    public ObservationMethod Observe { get; init; } = ObservationMethod.Poll;

    public TimeSpan PollFloor { get; init; } = TimeSpan.FromMilliseconds(5);

    public TimeSpan OrderTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public int MaxInFlight { get; init; } = 5000;

    public string? ReportDirectory { get; init; }

    public TimeSpan PgbenchDuration { get; init; } = TimeSpan.FromSeconds(10);

    public bool Quiet { get; init; }

    /// <summary>The arguments as given, for the report (so a run can be repeated exactly).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    public static LoadOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        if (args.Count == 0 || args[0] is not ("open" or "closed"))
        {
            error = "the first argument is the mode: open or closed";
            return null;
        }

        var options = new LoadOptions { Mode = args[0] == "open" ? LoadMode.Open : LoadMode.Closed, Arguments = [.. args] };
        for (var i = 1; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new FormatException($"{name} needs a value");
            double Number() => double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0
                ? v : throw new FormatException($"{name} needs a non-negative number");
            int Count() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0
                ? v : throw new FormatException($"{name} needs a positive whole number");
            try
            {
                options = name switch
                {
                    "--rate" => options with { Rate = Number() },
                    "--concurrency" => options with { Concurrency = Count() },
                    "--find-max" => options with { FindMax = true },
                    "--max-concurrency" => options with { MaxConcurrency = Count() },
                    "--duration" => options with { Duration = TimeSpan.FromSeconds(Number()) },
                    "--warmup" => options with { Warmup = TimeSpan.FromSeconds(Number()) },
                    "--state-file" => options with { StateFile = Value() },
                    "--start-apphost" => options with { StartAppHost = true },
                    "--replicas" => options with { Replicas = Count() },
                    "--partitions" => options with { Partitions = Count() },
                    "--customers" => options with { Customers = Count() },
                    "--products" => options with { Products = Count() },
                    "--mix" => options with { Mix = OrderMix.Parse(Value()) ?? throw new FormatException("--mix is S/O/D in percent, adding up to 100") },
                    "--observe" => options with
                    {
                        Observe = Value() switch
                        {
                            "poll" => ObservationMethod.Poll,
                            "events" => ObservationMethod.Events,
                            _ => throw new FormatException("--observe is poll or events"),
                        },
                    },
                    "--poll-ms" => options with { PollFloor = TimeSpan.FromMilliseconds(Math.Max(1, Number())) },
                    "--order-timeout" => options with { OrderTimeout = TimeSpan.FromSeconds(Number()) },
                    "--max-in-flight" => options with { MaxInFlight = Count() },
                    "--report" => options with { ReportDirectory = Value() },
                    "--pgbench-seconds" => options with { PgbenchDuration = TimeSpan.FromSeconds(Number()) },
                    "--quiet" => options with { Quiet = true },
                    _ => throw new FormatException($"unknown option {name}"),
                };
            }
            catch (FormatException ex)
            {
                error = ex.Message;
                return null;
            }
        }

        error = options.Validate();
        return error is null ? options : null;
    }

    private string? Validate() => this switch
    {
        { Mode: LoadMode.Open, Rate: <= 0 } => "open needs --rate R (orders per second)",
        { Mode: LoadMode.Closed, FindMax: false, Concurrency: 0 } => "closed needs --concurrency C or --find-max",
        { Duration.TotalSeconds: < 1 } => "--duration is at least 1 second",
        { StartAppHost: true, StateFile: not null } => "--start-apphost and --state-file exclude each other",
        { StartAppHost: false, Replicas: > 1 } => "--replicas needs --start-apphost (./shop run --replicas N otherwise)",
        _ => null,
    };
}
