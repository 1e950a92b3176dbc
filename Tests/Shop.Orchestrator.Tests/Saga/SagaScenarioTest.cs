namespace Shop.Orchestrator.Tests.Saga;

/// <summary>A fresh <see cref="SagaScenario"/> (its own service provider) for every test.</summary>
public abstract class SagaScenarioTest : IAsyncLifetime
{
    protected SagaScenario Scenario { get; private set; } = null!;

    public async Task InitializeAsync() => Scenario = await SagaScenario.StartAsync();

    public async Task DisposeAsync() => await Scenario.DisposeAsync();
}
