using System.Runtime.InteropServices;

namespace Shop.LocalHost.Supervision;

/// <summary>The few POSIX calls .NET has no managed API for: sending a signal other than SIGKILL, and
/// handing a data directory to the unprivileged user PostgreSQL insists on running as.</summary>
internal static partial class Posix
{
    public const int SigInt = 2;
    public const int SigQuit = 3;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    private const int NoSuchProcess = 3; // ESRCH

    /// <summary>Sends <paramref name="signal"/>; false when the process no longer exists.</summary>
    public static bool Signal(int pid, int signal)
    {
        if (kill(pid, signal) == 0)
        {
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno == NoSuchProcess
            ? false
            : throw new IOException($"kill({pid}, {signal}) failed with errno {errno}");
    }

    /// <summary>The uid and gid of a local user, or null if there is no such user.</summary>
    public static (uint Uid, uint Gid)? LookupUser(string name)
    {
        var entry = getpwnam(name);
        if (entry == IntPtr.Zero)
        {
            return null;
        }

        // struct passwd { char *pw_name; char *pw_passwd; uid_t pw_uid; gid_t pw_gid; ... } on every 64-bit libc.
        var idsOffset = 2 * IntPtr.Size;
        return ((uint)Marshal.ReadInt32(entry, idsOffset), (uint)Marshal.ReadInt32(entry, idsOffset + 4));
    }

    public static void ChangeOwner(string path, uint uid, uint gid)
    {
        if (chown(path, uid, gid) != 0)
        {
            throw new IOException($"chown({path}) failed with errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int sig);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr getpwnam(string name);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int chown(string path, uint owner, uint group);
}
