using System.Globalization;

namespace Shop.LoadTests;

/// <summary>
/// CPU time spent by the shop's processes, read from <c>/proc/{pid}/stat</c>. On a machine shared with other work,
/// latency and throughput move with the neighbours' load, but CPU time per saga hardly does: it is the figure to
/// compare two builds by. PostgreSQL's work happens in its backends, the postmaster's children, which are summed in.
/// </summary>
public static class ProcessCpu
{
    private const double TicksPerSecond = 100; // USER_HZ, 100 on every Linux the project runs on

    /// <summary>Milliseconds of CPU (user + system) per named process; processes that are gone are left out.</summary>
    public static IReadOnlyDictionary<string, double> Read(IReadOnlyList<(string Name, int Pid)> processes)
    {
        var children = processes.Any(p => p.Name == "postgres") ? ChildrenByParent() : [];
        var result = new Dictionary<string, double>();
        foreach (var (name, pid) in processes)
        {
            if (Stat(pid) is not { } own)
            {
                continue;
            }

            var ticks = own.Ticks;
            if (name == "postgres")
            {
                // Backends that already exited are in the postmaster's "children" counters; live ones are added here.
                ticks += own.ChildTicks + (children.GetValueOrDefault(pid) ?? []).Sum(child => Stat(child)?.Ticks ?? 0);
            }

            result[name] = result.GetValueOrDefault(name) + ticks * 1000 / TicksPerSecond;
        }

        return result;
    }

    private static (long Ticks, long ChildTicks)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
            return (Field(14) + Field(15), Field(16) + Field(17));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static Dictionary<int, List<int>> ChildrenByParent()
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var text = File.ReadAllText(Path.Combine(directory, "stat"));
                var parent = int.Parse(text[(text.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                if (!children.TryGetValue(parent, out var list))
                {
                    children[parent] = list = [];
                }

                list.Add(pid);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
            }
        }

        return children;
    }
}
