using System.Text;

namespace Shop.LocalHost.Supervision;

/// <summary>What /proc tells about other processes: whether a pid is still the process it was
/// (pids are reused), and which processes carry a given environment entry.</summary>
internal static class ProcFs
{
    /// <summary>The process's start time in clock ticks since boot, or null when it does not exist or has
    /// already died (a zombie, waiting for its parent to collect its exit status, counts as dead).</summary>
    public static long? StartTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) is in parentheses and may contain spaces; count fields after it.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields[0] is "Z" or "X" or "x" ? null : long.Parse(fields[19]); // field 3 state, field 22 starttime
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    public static bool IsAlive(int pid) => StartTime(pid) is not null;

    /// <summary>Pids of processes whose environment contains exactly <paramref name="entry"/> (<c>NAME=value</c>).</summary>
    public static IReadOnlyList<int> ProcessesWithEnvironmentEntry(string entry)
    {
        var needle = Encoding.UTF8.GetBytes(entry);
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var environment = File.ReadAllBytes(Path.Combine(directory, "environ"));
                if (ContainsEntry(environment, needle))
                {
                    found.Add(pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile, or another user's process: neither can be one this user started.
            }
        }

        return found;
    }

    private static bool ContainsEntry(ReadOnlySpan<byte> environment, ReadOnlySpan<byte> entry)
    {
        foreach (var range in environment.Split((byte)0))
        {
            if (environment[range].SequenceEqual(entry))
            {
                return true;
            }
        }

        return false;
    }
}
