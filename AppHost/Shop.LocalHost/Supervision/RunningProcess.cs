using System.Diagnostics;

namespace Shop.LocalHost.Supervision;

/// <summary>One OS process of a component, from start to exit, its output copied into the component's log.</summary>
internal sealed class RunningProcess : IDisposable
{
    // Each component gets its own session, so a Ctrl+C at the terminal reaches only LocalHost, which then
    // stops the components in order (services before the databases they use). setsid(1) execs in place
    // when its caller does not lead a process group, as a freshly started child never does: the pid stays.
    private static readonly string? SetSid = File.Exists("/usr/bin/setsid") ? "/usr/bin/setsid" : null;

    private readonly Process _process;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _disposed;

    private RunningProcess(ProcessSpec spec, ComponentLog log)
    {
        var startInfo = new ProcessStartInfo
        {
            FileName = SetSid ?? spec.FileName,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = spec.WorkingDirectory ?? "",
        };
        if (SetSid is not null)
        {
            startInfo.ArgumentList.Add(spec.FileName);
        }

        foreach (var argument in spec.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var inherited in startInfo.Environment.Keys.ToList())
        {
            if (spec.RemoveInheritedPrefixes.Any(prefix => inherited.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            {
                startInfo.Environment.Remove(inherited);
            }
        }

        foreach (var (name, value) in spec.Environment)
        {
            startInfo.Environment[name] = value;
        }

        if (spec.UserName is not null)
        {
            startInfo.UserName = spec.UserName;
        }

        _process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => CopyLine(log, e.Data);
        _process.ErrorDataReceived += (_, e) => CopyLine(log, e.Data);
        _process.Exited += (_, _) => _exited.TrySetResult(_process.ExitCode);
        _process.Start();
        Pid = _process.Id;
        StartedAt = DateTimeOffset.UtcNow;
        spec.OnStarted?.Invoke(Pid);
        // Nothing is ever typed into a component; an immediate end of input keeps it off the terminal.
        _process.StandardInput.Close();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Pid { get; }

    public DateTimeOffset StartedAt { get; }

    /// <summary>Completes with the exit code (128 + signal number when killed by a signal).</summary>
    public Task<int> Exited => _exited.Task;

    public bool HasExited => _exited.Task.IsCompleted;

    /// <summary>Starts the process; throws (<see cref="System.ComponentModel.Win32Exception"/>) when it cannot be started at all.</summary>
    public static RunningProcess Start(ProcessSpec spec, ComponentLog log) => new(spec, log);

    /// <summary>Runs a one-off command (such as initdb) to completion and returns its exit code.</summary>
    public static async Task<int> RunToCompletionAsync(
        ProcessSpec spec, ComponentLog log, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var running = Start(spec, log);
        try
        {
            var exitCode = await running.Exited.WaitAsync(timeout, cancellationToken);
            await running.DrainOutputAsync(TimeSpan.FromSeconds(2));
            return exitCode;
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            running.Kill();
            await running.WaitForExitAsync(TimeSpan.FromSeconds(5));
            if (ex is TimeoutException)
            {
                throw new LocalTopologyException(
                    $"{spec.Name}: '{Path.GetFileName(spec.FileName)}' did not finish within {timeout.TotalSeconds:0} s; see {log.Path}", ex);
            }

            throw;
        }
    }

    /// <summary>Sends a signal unless the process has already exited.</summary>
    public void Signal(int signal)
    {
        if (!HasExited)
        {
            Posix.Signal(Pid, signal);
        }
    }

    public void Kill() => Signal(Posix.SigKill);

    /// <summary>True once exited, false if it still runs after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await Exited.WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Waits, within bounds, for the last output lines to reach the log after the process exited.</summary>
    public async Task DrainOutputAsync(TimeSpan timeout)
    {
        if (Volatile.Read(ref _disposed))
        {
            return;
        }

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            // A grandchild may still hold the pipe open (a PostgreSQL backend outliving its postmaster); its
            // last lines are not worth blocking a restart or a shutdown for.
        }
        catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException)
        {
            // Disposed meanwhile by whoever drained it first: the supervision loop and a stop may both try.
        }
    }

    public void Dispose()
    {
        if (!Interlocked.Exchange(ref _disposed, true))
        {
            _process.Dispose();
        }
    }

    private static void CopyLine(ComponentLog log, string? line)
    {
        if (line is not null)
        {
            log.Line(line);
        }
    }
}
