using Shop.LocalHost.Supervision;

namespace Shop.LocalHost.Infrastructure;

/// <summary>What every infrastructure process gets from the topology.</summary>
/// <param name="Port">Loopback port to listen on.</param>
/// <param name="DataDirectory">Its throw-away data; removed when the topology stops.</param>
/// <param name="Log">Its log file.</param>
/// <param name="Policy">Restart and stop timings.</param>
/// <param name="Environment">Extra environment (the run id that marks every process of this run).</param>
/// <param name="RecordProcess">Adds a started pid to the run's ledger.</param>
/// <param name="StartTimeout">How long it may take to accept connections.</param>
internal sealed record InfrastructureSetup(
    int Port,
    string DataDirectory,
    ComponentLog Log,
    SupervisionPolicy Policy,
    IReadOnlyDictionary<string, string> Environment,
    Action<int> RecordProcess,
    TimeSpan StartTimeout);
