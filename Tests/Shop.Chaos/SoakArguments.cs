using System.Globalization;

namespace Shop.Chaos;

/// <summary>Command line of <c>./shop soak</c>: <c>--duration 10m [--seed N] [--replicas N] [--rate ORDERS_PER_SECOND]</c>.</summary>
public sealed record SoakArguments(TimeSpan Duration, int Seed, int Replicas, double OrdersPerSecond)
{
    public const string Usage = "usage: ./shop soak --duration 10m [--seed N] [--replicas N] [--rate ORDERS_PER_SECOND]\n"
        + "  --duration  how long to place orders and inject faults (s, m or h suffix; default 10m)\n"
        + "  --seed      replay a run (default: SHOP_CHAOS_SEED, else random; printed first)\n"
        + "  --replicas  processes per service (default 2)\n"
        + "  --rate      orders per second (default 5)";

    /// <exception cref="ArgumentException">The arguments are not understood; the message says which.</exception>
    public static SoakArguments Parse(IReadOnlyList<string> args)
    {
        var result = new SoakArguments(TimeSpan.FromMinutes(10), ChaosShop.SeedFromEnvironment(), 2, 5);
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            result = args[i] switch
            {
                "--duration" => result with { Duration = ParseDuration(value) },
                "--seed" => result with { Seed = int.Parse(value, CultureInfo.InvariantCulture) },
                "--replicas" => result with { Replicas = int.Parse(value, CultureInfo.InvariantCulture) },
                "--rate" => result with { OrdersPerSecond = double.Parse(value, CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
            i++;
        }

        return result.Duration > TimeSpan.Zero && result.Replicas >= 1 && result.OrdersPerSecond > 0
            ? result
            : throw new ArgumentException("duration, replicas and rate must be positive");
    }

    private static TimeSpan ParseDuration(string value)
    {
        var unit = value[^1];
        if (char.IsLetter(unit) && double.TryParse(value[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
        {
            return unit switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                _ => throw new ArgumentException($"unknown duration unit in '{value}' (use s, m or h)"),
            };
        }

        return TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span)
            ? span
            : throw new ArgumentException($"cannot read '{value}' as a duration (e.g. 90s, 10m, 1h)");
    }
}
