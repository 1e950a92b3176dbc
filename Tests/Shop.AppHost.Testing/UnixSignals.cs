using System.Runtime.InteropServices;

namespace Shop.AppHost.Testing;

/// <summary>Signals by number: .NET sends only SIGKILL by itself (Process.Kill), PostgreSQL's shutdown modes need others.</summary>
public static partial class UnixSignals
{
    public const int SigInt = 2;
    public const int SigQuit = 3;
    public const int SigKill = 9;

    /// <summary>Sends <paramref name="signal"/>; false when there is no such process any more.</summary>
    public static bool Signal(int pid, int signal) => Kill(pid, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
