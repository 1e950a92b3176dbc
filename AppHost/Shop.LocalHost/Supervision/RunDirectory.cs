using System.Globalization;

namespace Shop.LocalHost.Supervision;

/// <summary>
/// The folder holding one run's throw-away data (<c>{DataRoot}/runs/{runId}</c>), with a ledger of the
/// processes the run started. If a LocalHost dies without cleaning up (SIGKILL, an aborted test host), the
/// next one finds the folder, kills what is left of that run, and removes it.
/// </summary>
/// <remarks>
/// A leftover is found two ways: by the ledger (pid and start time, so a reused pid is never mistaken for
/// one), and by the run id in the environment, which also catches children the ledger never saw. Neither
/// alone is enough: redis-server and postgres overwrite their environment area to change their process
/// title, and the ledger knows nothing of grandchildren.
/// </remarks>
internal sealed class RunDirectory
{
    public const string RunIdVariable = "SHOP_RUN_ID";

    private const string OwnerFile = "owner";
    private const string LedgerFile = "processes";

    private readonly Lock _ledgerGate = new();

    private RunDirectory(string id, string path)
    {
        Id = id;
        Path = path;
    }

    public string Id { get; }

    public string Path { get; }

    public string EnvironmentEntry => $"{RunIdVariable}={Id}";

    public static RunDirectory Create(string dataRoot)
    {
        var id = $"{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
        var runs = System.IO.Path.Combine(dataRoot, "runs");
        var path = System.IO.Path.Combine(runs, id);
        var staging = path + ".new";
        Directory.CreateDirectory(staging);
        // The owner is written before the folder appears under its final name, so a sweeper never sees a
        // live run without an owner.
        File.WriteAllText(System.IO.Path.Combine(staging, OwnerFile),
            $"{Environment.ProcessId} {ProcFs.StartTime(Environment.ProcessId)}");
        Directory.Move(staging, path);
        return new RunDirectory(id, path);
    }

    /// <summary>Cleans up after runs whose LocalHost is gone; returns a note per run removed.</summary>
    public static IReadOnlyList<string> RemoveStaleRuns(string dataRoot)
    {
        var runs = System.IO.Path.Combine(dataRoot, "runs");
        if (!Directory.Exists(runs))
        {
            return [];
        }

        var notes = new List<string>();
        foreach (var folder in Directory.EnumerateDirectories(runs))
        {
            var run = new RunDirectory(System.IO.Path.GetFileName(folder), folder);
            if (run.IsOwnerAlive())
            {
                continue;
            }

            var killed = run.KillLeftoverProcesses();
            if (run.TryDelete())
            {
                notes.Add($"removed the data of an earlier run that was not stopped cleanly ({run.Id}; {killed} leftover processes killed)");
            }
        }

        return notes;
    }

    public string Subdirectory(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Adds a process to the ledger; called right after every start.</summary>
    public void RecordProcess(int pid)
    {
        if (ProcFs.StartTime(pid) is not { } startTime)
        {
            return; // already gone
        }

        lock (_ledgerGate)
        {
            File.AppendAllText(System.IO.Path.Combine(Path, LedgerFile),
                string.Create(CultureInfo.InvariantCulture, $"{pid} {startTime}\n"));
        }
    }

    /// <summary>SIGKILLs every process of this run that is still alive; returns how many.</summary>
    public int KillLeftoverProcesses()
    {
        var leftovers = LedgerProcessesAlive()
            .Concat(ProcFs.ProcessesWithEnvironmentEntry(EnvironmentEntry))
            .Distinct()
            .Where(pid => Posix.Signal(pid, Posix.SigKill))
            .Count();
        return leftovers;
    }

    public bool TryDelete()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
            return true;
        }
        catch (DirectoryNotFoundException)
        {
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private IEnumerable<int> LedgerProcessesAlive()
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(System.IO.Path.Combine(Path, LedgerFile));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }

        return lines
            .Select(line => line.Split(' '))
            .Where(fields => fields.Length == 2
                && int.TryParse(fields[0], CultureInfo.InvariantCulture, out var pid)
                && ProcFs.StartTime(pid)?.ToString(CultureInfo.InvariantCulture) == fields[1])
            .Select(fields => int.Parse(fields[0], CultureInfo.InvariantCulture));
    }

    private bool IsOwnerAlive()
    {
        if (Path.EndsWith(".new", StringComparison.Ordinal))
        {
            // Being staged right now, or left by a LocalHost that died within that instant.
            return Directory.GetCreationTimeUtc(Path) > DateTime.UtcNow.AddMinutes(-1);
        }

        string[] owner;
        try
        {
            owner = File.ReadAllText(System.IO.Path.Combine(Path, OwnerFile)).Split(' ');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A final folder always had its owner file; without it, it is a half-deleted leftover.
            return false;
        }

        // A pid alone could have been reused by an unrelated process; its start time tells them apart.
        return owner.Length == 2
            && int.TryParse(owner[0], CultureInfo.InvariantCulture, out var pid)
            && ProcFs.StartTime(pid)?.ToString(CultureInfo.InvariantCulture) == owner[1];
    }
}
