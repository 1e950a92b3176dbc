using System.Globalization;

namespace Shop.AppHost.Running;

/// <summary>
/// The service under a project resource's pid. The AppHost runs a project as <c>dotnet run --no-build</c>, which
/// starts the service as its child and waits for it: the snapshot's <c>executable.pid</c> is the launcher's, while
/// the state file, the load generator's CPU figures and a kill -9 want the service's own process.
/// </summary>
public static class LaunchedProcess
{
    /// <summary>The launcher's child that is not a build node, or null while there is none (starting, exited).</summary>
    public static int? ServiceOf(int launcherPid)
    {
        var tasks = $"/proc/{launcherPid.ToString(CultureInfo.InvariantCulture)}/task";
        if (!Directory.Exists(tasks))
        {
            return null;
        }

        var children = new List<int>();
        foreach (var task in Directory.EnumerateDirectories(tasks))
        {
            try
            {
                children.AddRange(File.ReadAllText(Path.Combine(task, "children"))
                    .Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Select(child => int.Parse(child, CultureInfo.InvariantCulture)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The thread ended while being read.
            }
        }

        return children.Order().Where(child => !IsBuildNode(child)).Cast<int?>().LastOrDefault();
    }

    private static bool IsBuildNode(int pid)
    {
        try
        {
            var commandLine = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline");
            return commandLine.Contains("MSBuild.dll", StringComparison.Ordinal) || commandLine.Contains("VBCSCompiler", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }
}
