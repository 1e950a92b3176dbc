namespace Shop.LocalHost.State;

/// <summary>The content of <c>.shop/state.json</c>.</summary>
/// <param name="Pid">LocalHost's own pid: SIGTERM to it stops everything listed.</param>
/// <param name="RunId">Marks every process of this run (environment variable <c>SHOP_RUN_ID</c>).</param>
/// <param name="Components">postgres, redis, kafka, then the service instances.</param>
public sealed record StateDocument(int Pid, string RunId, IReadOnlyList<StateComponent> Components);
