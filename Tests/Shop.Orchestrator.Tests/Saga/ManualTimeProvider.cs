namespace Shop.Orchestrator.Tests.Saga;

/// <summary>A clock the test moves: deadlines are computed from it, so they are exact and predictable.</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
