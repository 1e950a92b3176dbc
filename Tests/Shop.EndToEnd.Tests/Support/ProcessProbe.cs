using System.Text;

namespace Shop.EndToEnd.Tests.Support;

/// <summary>What /proc says about a process, for assertions that something is (or is no longer) running.</summary>
public static class ProcessProbe
{
    /// <summary>False when the process is gone or a zombie (dead, waiting to be reaped by its parent).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[stat.LastIndexOf(')') + 2];
            return state is not ('Z' or 'X' or 'x');
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Live processes whose environment has <c>SHOP_RUN_ID={runId}</c>: LocalHost marks every process it starts.</summary>
    public static IReadOnlyList<int> ProcessesOfRun(string runId)
    {
        var entry = Encoding.UTF8.GetBytes($"SHOP_RUN_ID={runId}");
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || !IsAlive(pid))
            {
                continue;
            }

            try
            {
                var environment = File.ReadAllBytes(Path.Combine(directory, "environ"));
                if (environment.AsSpan().IndexOf(entry) >= 0)
                {
                    found.Add(pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile, or not ours to read.
            }
        }

        return found;
    }
}
