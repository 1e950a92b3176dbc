using System.Globalization;

namespace Shop.LocalHost;

/// <summary>The command line of <c>./shop run</c> (Shop.LocalHost).</summary>
internal sealed record LocalHostArguments
{
    public const string Usage = """
        usage: Shop.LocalHost [options]
          --replicas N          processes per service (default 1)
          --partitions N        partitions per Kafka topic (default 6)
          --environment NAME    ASPNETCORE_ENVIRONMENT / DOTNET_ENVIRONMENT of the services (default Development)
          --services LIST       comma-separated services to start, or 'none' for the infrastructure only (default all)
          --state-file PATH     where to write the state file (default .shop/state.json in the repository)
          --log-directory PATH  where the components' logs go (default .shop/logs in the repository)
          --timeout SECONDS     how long the services may take to become healthy (default 180)
          --quiet               do not echo the components' output (it is always in the log files)
        """;

    public int Replicas { get; init; } = 1;

    public int Partitions { get; init; } = 6;

    public string Environment { get; init; } = "Development";

    public IReadOnlyList<string>? Services { get; init; }

    public string? StateFile { get; init; }

    public string? LogDirectory { get; init; }

    public TimeSpan HealthTimeout { get; init; } = TimeSpan.FromMinutes(3);

    public bool Quiet { get; init; }

    public bool Help { get; init; }

    /// <summary>Parses the arguments; on a mistake returns null and says what is wrong.</summary>
    public static LocalHostArguments? Parse(IReadOnlyList<string> args, out string? error)
    {
        var parsed = new LocalHostArguments();
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "--quiet" or "--help" or "-h")
            {
                parsed = name == "--quiet" ? parsed with { Quiet = true } : parsed with { Help = true };
                continue;
            }

            if (i + 1 >= args.Count)
            {
                error = $"'{name}' needs a value";
                return null;
            }

            var value = args[++i];
            switch (name)
            {
                case "--replicas" when PositiveInteger(value) is int replicas:
                    parsed = parsed with { Replicas = replicas };
                    break;
                case "--partitions" when PositiveInteger(value) is int partitions:
                    parsed = parsed with { Partitions = partitions };
                    break;
                case "--timeout" when PositiveInteger(value) is int seconds:
                    parsed = parsed with { HealthTimeout = TimeSpan.FromSeconds(seconds) };
                    break;
                case "--environment":
                    parsed = parsed with { Environment = value };
                    break;
                case "--state-file":
                    parsed = parsed with { StateFile = value };
                    break;
                case "--log-directory":
                    parsed = parsed with { LogDirectory = value };
                    break;
                case "--services" when ParseServices(value) is { } services:
                    parsed = parsed with { Services = services };
                    break;
                case "--replicas" or "--partitions" or "--timeout":
                    error = $"'{name}' needs a positive whole number, not '{value}'";
                    return null;
                case "--services":
                    error = $"'--services' takes 'none' or some of {string.Join(",", ShopServices.Names)}, not '{value}'";
                    return null;
                default:
                    error = $"unknown option '{name}'";
                    return null;
            }
        }

        return parsed;
    }

    private static int? PositiveInteger(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : null;

    private static IReadOnlyList<string>? ParseServices(string value)
    {
        if (value == "none")
        {
            return [];
        }

        var names = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return names.Length > 0 && names.All(ShopServices.Names.Contains) ? [.. names.Distinct()] : null;
    }
}
