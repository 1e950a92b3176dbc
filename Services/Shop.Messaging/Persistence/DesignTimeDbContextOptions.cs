using Microsoft.EntityFrameworkCore;

namespace Shop.Messaging.Persistence;

/// <summary>
/// The options the services' DbContexts are built with, for <c>AddServiceDatabase</c> and for the design-time
/// factories <c>dotnet ef</c> uses, so that migrations are generated against exactly the model the service runs.
/// </summary>
public static class DesignTimeDbContextOptions
{
    /// <summary>Npgsql with the service's tuned connection string and its migrations history in its own schema.</summary>
    public static DbContextOptionsBuilder UseServiceNpgsql(this DbContextOptionsBuilder options, string connectionString, string schema) =>
        options.UseNpgsql(NpgsqlConnectionTuning.Apply(connectionString), npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory", schema));

    /// <summary>
    /// Options for <c>dotnet ef</c> without starting the service: the connection string from
    /// <c>ConnectionStrings__{connectionName}</c> when it is set (for <c>dotnet ef database update</c>), else a
    /// placeholder, which <c>migrations add</c> and <c>migrations script</c> never open.
    /// </summary>
    public static DbContextOptions<TContext> For<TContext>(string connectionName, string schema)
        where TContext : DbContext
    {
        var connectionString = Environment.GetEnvironmentVariable($"ConnectionStrings__{connectionName}");
        return (DbContextOptions<TContext>)new DbContextOptionsBuilder<TContext>()
            .UseServiceNpgsql(string.IsNullOrWhiteSpace(connectionString) ? $"Host=localhost;Database={connectionName}" : connectionString, schema)
            .Options;
    }
}
