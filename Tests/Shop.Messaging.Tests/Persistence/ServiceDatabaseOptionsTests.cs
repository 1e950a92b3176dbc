using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Shop.Messaging.Extensions;
using Shop.Messaging.Persistence;
using Shop.Messaging.Tests.Transactional;

namespace Shop.Messaging.Tests.Persistence;

/// <summary>
/// What AddServiceDatabase's pooled context ends up with once Aspire's EnrichNpgsqlDbContext has run over it: the
/// connection string Aspire injects, tuned, the registered interceptors, and no retrying execution strategy.
/// </summary>
public sealed class ServiceDatabaseOptionsTests
{
    private const string Injected = "Host=127.0.0.1;Port=5432;Username=postgres;Password=secret;Database=widgetsdb";

    [Fact]
    public void The_pooled_context_keeps_the_tuned_connection_string_and_the_interceptors()
    {
        // Arrange
        var interceptor = new RecordingInterceptor();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:widgetsdb"] = Injected });
        builder.Services.AddSingleton<IInterceptor>(interceptor);

        // Act
        builder.AddServiceDatabase<WidgetDbContext>("widgetsdb", WidgetDbContext.Schema);
        using var host = builder.Build();
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WidgetDbContext>();

        // Assert
        var connection = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
        connection.Host.Should().Be("127.0.0.1");
        connection.Database.Should().Be("widgetsdb");
        connection.MaxAutoPrepare.Should().Be(NpgsqlConnectionTuning.MaxAutoPrepare);
        connection.AutoPrepareMinUsages.Should().Be(NpgsqlConnectionTuning.AutoPrepareMinUsages);
        connection.NoResetOnClose.Should().BeTrue();

        var core = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()!;
        core.MaxPoolSize.Should().NotBeNull("the context is pooled");
        core.Interceptors.Should().Contain(interceptor);
        db.Database.CreateExecutionStrategy().RetriesOnFailure.Should().BeFalse("the inbox's own transactions cannot run under a retrying strategy");
    }

    [Fact]
    public void Settings_the_injected_connection_string_gives_itself_are_kept()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:widgetsdb"] = Injected + ";Max Auto Prepare=8;No Reset On Close=false",
        });

        builder.AddServiceDatabase<WidgetDbContext>("widgetsdb", WidgetDbContext.Schema);
        using var host = builder.Build();
        using var scope = host.Services.CreateScope();
        var connection = new NpgsqlConnectionStringBuilder(scope.ServiceProvider.GetRequiredService<WidgetDbContext>().Database.GetConnectionString());

        connection.MaxAutoPrepare.Should().Be(8);
        connection.NoResetOnClose.Should().BeFalse();
        connection.AutoPrepareMinUsages.Should().Be(NpgsqlConnectionTuning.AutoPrepareMinUsages);
    }

    private sealed class RecordingInterceptor : DbConnectionInterceptor;
}
