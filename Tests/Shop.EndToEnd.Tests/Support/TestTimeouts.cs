namespace Shop.EndToEnd.Tests.Support;

/// <summary>The deadlines the end-to-end tests wait with (never a fixed sleep).</summary>
public static class TestTimeouts
{
    /// <summary>Cold start to every service healthy (the bound for <c>./shop run</c>).</summary>
    public static readonly TimeSpan Startup = TimeSpan.FromMinutes(3);

    /// <summary>A killed process is replaced by a new one ("within about 2 seconds", with slack for a busy machine).</summary>
    public static readonly TimeSpan Restart = TimeSpan.FromSeconds(3);

    /// <summary>A restarted service answers <c>/health</c> with 200 again.</summary>
    public static readonly TimeSpan Recovery = TimeSpan.FromSeconds(60);

    /// <summary>The first order through a fresh topology completes (<see cref="Shop.Scenarios.SystemWarmUp"/>).</summary>
    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(90);

    /// <summary>One HTTP call.</summary>
    public static readonly TimeSpan Http = TimeSpan.FromSeconds(30);

    /// <summary>A LocalHost process stops everything after SIGTERM (services' grace period plus the infrastructure).</summary>
    public static readonly TimeSpan Shutdown = TimeSpan.FromSeconds(30);
}
