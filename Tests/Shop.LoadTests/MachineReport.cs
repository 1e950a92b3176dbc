namespace Shop.LoadTests;

/// <summary>The machine the run was on and how busy it was (1/5/15-minute load averages before and after).</summary>
public sealed record MachineReport(int Cores, string Processor, string LoadAverageBefore, string LoadAverageAfter, string Os);
