namespace Shop.LocalHost.Supervision;

/// <summary>How to start one component's process.</summary>
internal sealed record ProcessSpec(string Name, string FileName, IReadOnlyList<string> Arguments)
{
    public string? WorkingDirectory { get; init; }

    /// <summary>Set on top of LocalHost's own environment, which the process inherits (PATH, LD_LIBRARY_PATH, ...).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Inherited variables to drop first, so a value meant for LocalHost's caller never reaches a component.</summary>
    public IReadOnlyList<string> RemoveInheritedPrefixes { get; init; } = [];

    /// <summary>Run as this local user (PostgreSQL refuses to run as root); null runs as LocalHost's user.</summary>
    public string? UserName { get; init; }

    /// <summary>The signal that asks for a clean shutdown: SIGTERM for most, SIGINT ("fast") for PostgreSQL,
    /// whose SIGTERM waits for every client to disconnect.</summary>
    public int StopSignal { get; init; } = Posix.SigTerm;

    /// <summary>Called with the pid right after every start (the run's ledger, for cleanup after a crash of LocalHost).</summary>
    public Action<int>? OnStarted { get; init; }
}
