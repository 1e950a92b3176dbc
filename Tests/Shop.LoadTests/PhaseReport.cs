using System.Diagnostics;

namespace Shop.LoadTests;

/// <summary>One phase's figures, as the JSON report holds them.</summary>
public sealed record PhaseReport(
    string Name,
    string Mode,
    int? Concurrency,
    double? OfferedRate,
    double DurationSeconds,
    int Submitted,
    int Skipped,
    int Terminal,
    double CompletedSagasPerSecond,
    IReadOnlyDictionary<string, int> Outcomes,
    int Errors,
    int Rejected,
    int Timeouts,
    Percentiles? LatencyMs,
    Percentiles? RejectedAnswerMs,
    Percentiles? ServerSagaMs,
    IReadOnlyDictionary<string, Percentiles> StepMs,
    double PollsPerOrder,
    double PollsPerSecond,
    PhaseDatabaseReport? Database,
    IReadOnlyDictionary<string, double> CpuMsPerSaga,
    double CoresBusy,
    string LoadAverageAfter,
    IReadOnlyList<TimelinePoint> Timeline)
{
    public static PhaseReport From(PhaseRun run)
    {
        var samples = run.Samples;
        var terminal = samples.Where(s => s.IsTerminal).ToList();
        var seconds = run.Duration.TotalSeconds;
        var inWindow = terminal.Count(s => s.Finished <= run.End);
        var timeline = terminal
            .GroupBy(s => (int)Stopwatch.GetElapsedTime(run.Start, s.Finished).TotalSeconds)
            .OrderBy(g => g.Key)
            .Select(g => TimelinePoint.From(g.Key, g.Select(s => s.LatencyMs!.Value)))
            .ToList();
        return new PhaseReport(
            run.Name,
            run.Mode == LoadMode.Open ? "open" : "closed",
            run.Concurrency,
            run.Rate,
            Math.Round(seconds, 2),
            samples.Count,
            run.Skipped,
            terminal.Count,
            Math.Round(inWindow / seconds, 1),
            samples.GroupBy(s => s.Outcome).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()),
            samples.Count(s => s.IsError),
            samples.Count(s => s.IsRejected),
            samples.Count(s => s.IsTimeout),
            Percentiles.Of(terminal.Select(s => s.LatencyMs!.Value)),
            // Past capacity the refusals are most of the answers: how fast they come is half of graceful overload.
            Percentiles.Of(samples.Where(s => s.IsRejected).Select(s => Stopwatch.GetElapsedTime(s.Submitted, s.Finished).TotalMilliseconds)),
            Percentiles.Of(terminal.Select(s => s.ServerMs!.Value)),
            terminal.SelectMany(s => s.Steps).GroupBy(step => step.Key)
                .ToDictionary(g => g.Key, g => Percentiles.Of(g.Select(step => step.Value))!),
            samples.Count == 0 ? 0 : Math.Round(samples.Average(s => s.Polls), 2),
            Math.Round(run.Polls / seconds, 1),
            PhaseDatabaseReport.From(run.DatabaseBefore, run.DatabaseAfter, inWindow),
            CpuPerSaga(run, terminal.Count),
            Math.Round(CpuSpent(run).Values.Sum() / 1000 / Stopwatch.GetElapsedTime(run.Start, terminal.Count == 0 ? run.End : Math.Max(run.End, terminal.Max(s => s.Finished))).TotalSeconds, 2),
            run.LoadAverageAfter,
            timeline);
    }

    /// <summary>CPU per saga by process (and <c>total</c>), over every saga of the phase: the CPU was read after the
    /// last of them ended, so the divisor is all terminal orders, not just those inside the window.</summary>
    private static Dictionary<string, double> CpuPerSaga(PhaseRun run, int sagas)
    {
        var spent = CpuSpent(run);
        if (sagas == 0)
        {
            return [];
        }

        var perSaga = spent.OrderBy(p => p.Key).ToDictionary(p => p.Key, p => Math.Round(p.Value / sagas, 2));
        perSaga["total"] = Math.Round(spent.Values.Sum() / sagas, 2);
        return perSaga;
    }

    private static Dictionary<string, double> CpuSpent(PhaseRun run) =>
        run.CpuBefore is null || run.CpuAfter is null ? []
        : run.CpuAfter.ToDictionary(p => p.Key, p => p.Value - run.CpuBefore.GetValueOrDefault(p.Key));
}
