namespace Shop.LocalHost.Infrastructure;

/// <summary>How <see cref="PostgresCluster.RestartAsync"/> stops the server (PostgreSQL's <c>pg_ctl stop -m</c> modes).</summary>
public enum PostgresShutdownMode
{
    /// <summary>SIGINT: open transactions are rolled back, clients disconnected, a checkpoint written.</summary>
    Fast,

    /// <summary>SIGQUIT: every process ends at once, as in a crash; the next start runs crash recovery.</summary>
    Immediate,
}
