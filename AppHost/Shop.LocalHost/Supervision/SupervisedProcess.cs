using System.ComponentModel;

namespace Shop.LocalHost.Supervision;

/// <summary>
/// Keeps one component's process running: an exit nobody asked for is followed by a restart with the same
/// command line (same port, same data), promptly the first time and with growing pauses while it keeps
/// exiting soon after start. <see cref="StopAsync"/> is the only way to end it for good.
/// </summary>
internal sealed class SupervisedProcess : IAsyncDisposable
{
    private readonly ProcessSpec _spec;
    private readonly ComponentLog _log;
    private readonly SupervisionPolicy _policy;
    // Never disposed: without timers or linked tokens it holds nothing that needs releasing.
    private readonly CancellationTokenSource _restartDelay = new();
    private readonly Lock _gate = new();
    private RunningProcess? _current;
    private bool _stopRequested;
    private RunningProcess? _restartRequested;
    private Task? _stopping;
    private Task _supervision = Task.CompletedTask;
    private int _unexpectedExits;

    public SupervisedProcess(ProcessSpec spec, ComponentLog log, SupervisionPolicy policy)
    {
        _spec = spec;
        _log = log;
        _policy = policy;
    }

    /// <summary>Raised after every start, the first included, with the new pid.</summary>
    public event Action<SupervisedProcess, int>? Started;

    public string Name => _spec.Name;

    /// <summary>The pid of the latest start (which may have exited and be about to restart).</summary>
    public int Pid
    {
        get
        {
            lock (_gate)
            {
                return _current?.Pid ?? throw new InvalidOperationException($"{Name} has not been started");
            }
        }
    }

    /// <summary>Exits LocalHost did not ask for; a start-up that needs the first process to stay up watches this.</summary>
    public int UnexpectedExits => Volatile.Read(ref _unexpectedExits);

    /// <summary>Starts the first process; throws when it cannot be started at all.</summary>
    public void Start()
    {
        var first = StartProcess() ?? throw new InvalidOperationException($"{Name} is stopping");
        _supervision = SuperviseAsync(first);
    }

    /// <summary>SIGKILLs the current process and returns its pid once it is gone; supervision then restarts it.</summary>
    public async Task<int> KillAsync(CancellationToken cancellationToken = default)
    {
        RunningProcess running;
        lock (_gate)
        {
            running = _current is { HasExited: false } alive
                ? alive
                : throw new InvalidOperationException($"{Name} is not running right now (it is being restarted)");
        }

        running.Kill();
        await running.Exited.WaitAsync(cancellationToken);
        return running.Pid;
    }

    /// <summary>
    /// Stops the current process with <paramref name="signal"/> (killed after the grace period) and starts it again
    /// at once, as an operator's restart: not counted as an unexpected exit, no restart pause. Returns the new pid.
    /// </summary>
    public async Task<int> RestartAsync(int signal)
    {
        RunningProcess running;
        lock (_gate)
        {
            running = _current is { HasExited: false } alive && !_stopRequested
                ? alive
                : throw new InvalidOperationException($"{Name} is not running right now (it is being restarted or stopped)");
            _restartRequested = running;
        }

        _log.Note($"restarting pid {running.Pid} (signal {signal})");
        running.Signal(signal);
        if (!await running.WaitForExitAsync(_policy.StopGracePeriod))
        {
            _log.Note($"pid {running.Pid} did not stop within {_policy.StopGracePeriod.TotalSeconds:0} s; killing it");
            running.Kill();
            await running.Exited;
        }

        // The supervision loop starts the next process as soon as it sees this exit.
        while (true)
        {
            lock (_gate)
            {
                if (_stopRequested)
                {
                    throw new InvalidOperationException($"{Name} was stopped while restarting");
                }

                if (_current is { } current && current != running)
                {
                    return current.Pid;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }

    /// <summary>Asks the process to stop (its stop signal), kills it after the grace period, and ends supervision.
    /// Every call returns the same stop.</summary>
    public Task StopAsync()
    {
        lock (_gate)
        {
            if (_stopping is null)
            {
                _stopRequested = true;
                _stopping = StopCoreAsync(_current);
            }

            return _stopping;
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task StopCoreAsync(RunningProcess? running)
    {
        // Wakes the supervision loop if it is waiting to restart; it then sees the stop and ends.
        await _restartDelay.CancelAsync();
        if (running is not null && !running.HasExited)
        {
            _log.Note($"stopping pid {running.Pid}");
            running.Signal(_spec.StopSignal);
            if (!await running.WaitForExitAsync(_policy.StopGracePeriod))
            {
                _log.Note($"pid {running.Pid} did not stop within {_policy.StopGracePeriod.TotalSeconds:0} s; killing it");
                running.Kill();
                await running.WaitForExitAsync(TimeSpan.FromSeconds(5));
            }
        }

        await _supervision;
        if (running is not null)
        {
            await running.DrainOutputAsync(TimeSpan.FromSeconds(2));
            _log.Note($"stopped (pid {running.Pid}, exit code {(running.HasExited ? running.Exited.Result : "none")})");
            running.Dispose();
        }
    }

    private async Task SuperviseAsync(RunningProcess running)
    {
        var quickExits = 0;
        while (true)
        {
            var exitCode = await running.Exited;
            if (Volatile.Read(ref _stopRequested))
            {
                return;
            }

            bool requested;
            lock (_gate)
            {
                requested = _restartRequested == running;
            }

            if (requested)
            {
                _ = DrainAndDisposeAsync(running);
                var restarted = StartProcess();
                if (restarted is null)
                {
                    return;
                }

                running = restarted;
                continue;
            }

            Interlocked.Increment(ref _unexpectedExits);
            var ranFor = DateTimeOffset.UtcNow - running.StartedAt;
            quickExits = ranFor < _policy.StableAfter ? quickExits + 1 : 1;
            var reason = $"pid {running.Pid} exited unexpectedly (code {exitCode}) after {ranFor.TotalSeconds:0.0} s";
            // The old process's last lines may still be in the pipe; they are not worth delaying the restart for.
            _ = DrainAndDisposeAsync(running);

            RunningProcess? next = null;
            while (next is null)
            {
                var delay = _policy.DelayAfter(quickExits);
                _log.Note($"{reason}; restarting in {delay.TotalSeconds:0.0} s");
                try
                {
                    await Task.Delay(delay, _restartDelay.Token);
                    next = StartProcess();
                    if (next is null)
                    {
                        return;
                    }
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (Exception ex) when (ex is Win32Exception or IOException or InvalidOperationException)
                {
                    // The executable may be missing for a moment (a rebuild in progress): keep trying, slower.
                    quickExits++;
                    reason = $"restart failed: {ex.Message}";
                }
            }

            running = next;
        }
    }

    private RunningProcess? StartProcess()
    {
        RunningProcess started;
        lock (_gate)
        {
            if (_stopRequested)
            {
                return null;
            }

            started = RunningProcess.Start(_spec, _log);
            _current = started;
        }

        _log.Note($"started pid {started.Pid}");
        Started?.Invoke(this, started.Pid);
        return started;
    }

    private static async Task DrainAndDisposeAsync(RunningProcess exited)
    {
        await exited.DrainOutputAsync(TimeSpan.FromSeconds(2));
        exited.Dispose();
    }
}
