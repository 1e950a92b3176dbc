namespace Shop.AppHost.Testing;

/// <summary>How <see cref="ShopAppHost.RestartPostgresAsync"/> stops the server (PostgreSQL's <c>pg_ctl stop -m</c> modes).</summary>
public enum PostgresShutdownMode
{
    /// <summary>SIGINT: open transactions are rolled back, the server checkpoints and exits.</summary>
    Fast,

    /// <summary>SIGQUIT: the server exits at once, as in a crash; the next start recovers from the WAL.</summary>
    Immediate,
}
