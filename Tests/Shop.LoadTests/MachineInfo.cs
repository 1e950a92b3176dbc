namespace Shop.LoadTests;

/// <summary>What the report says about the machine: the figures mean little without the cores and the load beside them.</summary>
public static class MachineInfo
{
    /// <summary>The 1/5/15-minute load averages from <c>/proc/loadavg</c> (empty where there is none).</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "";
        }
    }

    public static string Processor()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))
                ?.Split(':', 2)[1].Trim() ?? "";
        }
        catch (IOException)
        {
            return "";
        }
    }
}
