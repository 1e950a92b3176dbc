namespace Shop.Scenarios;

public static class ScenarioTimeouts
{
    /// <summary>For a saga with every service up: generous for a loaded two-core CI machine.</summary>
    public static readonly TimeSpan Saga = TimeSpan.FromSeconds(45);

    /// <summary>For compensations to settle after a saga ended.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(45);
}
