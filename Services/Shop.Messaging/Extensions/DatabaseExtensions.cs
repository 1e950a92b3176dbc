using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Shop.Messaging.Persistence;

namespace Shop.Messaging.Extensions;

public static class DatabaseExtensions
{
    /// <summary>
    /// Registers the service's PostgreSQL <typeparamref name="TContext"/> from <c>ConnectionStrings:{connectionName}</c>,
    /// the background migrator, and a <c>database</c> health check. The migrations history lives in the
    /// service's own schema, next to its tables. Aspire's EF Core integration adds the DbContext's tracing and metrics
    /// (settings in <c>Aspire:Npgsql:EntityFrameworkCore:PostgreSQL</c>).
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext>(
        this IHostApplicationBuilder builder, string connectionName, string schema)
        where TContext : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"Connection string '{connectionName}' is missing: set ConnectionStrings:{connectionName} " +
                $"(environment variable ConnectionStrings__{connectionName}).");
        }

        // Pooled: every Kafka record and HTTP request gets a context, and building one (resolving EF's internal
        // services) was a tenth of the orders service's CPU under load. A pooled context is reset when its scope
        // ends; nothing the services keep per message lives on it (MessageContext and the outbox are scoped
        // services of their own), and the interceptors are singletons, resolved here from the root provider.
        builder.Services.AddDbContextPool<TContext>((services, options) => options
            .UseServiceNpgsql(connectionString, schema)
            // The outbox's commit signal, when AddTransactionalMessaging registered it.
            .AddInterceptors(services.GetServices<IInterceptor>()));
        // Enrich, not AddNpgsqlDbContext: that one builds the options itself, without the service provider the
        // interceptors come from. Enrich leaves these options as they are and adds Npgsql's tracing and metrics.
        builder.EnrichNpgsqlDbContext<TContext>(settings =>
        {
            // EF's retrying strategy refuses user-initiated transactions (the inbox's), and a transient failure is
            // already retried where it can be: the consumer loop's backoff, or 503 + Retry-After to the HTTP caller.
            settings.DisableRetry = true;
            // The "database" check below is this one's CanConnect plus "migrated"; a second would only repeat it.
            settings.DisableHealthChecks = true;
        });
        builder.Services.AddSingleton<DatabaseReadiness<TContext>>();
        builder.Services.AddHostedService<DatabaseMigrationService<TContext>>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck<TContext>>("database", tags: ["ready"]);
        return builder;
    }
}
