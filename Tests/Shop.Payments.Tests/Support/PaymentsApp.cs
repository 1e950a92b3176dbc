using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Shop.Payments.Data;
using Shop.Testing;

namespace Shop.Payments.Tests.Support;

/// <summary>
/// The payments service itself (its Program) on the shared infrastructure, in a database of its own so that its
/// outbox relay does not publish (and delete) the rows the handler tests read. Healthy (migrated, Kafka ready)
/// before the first request. The type argument only names the service's assembly: <c>Program</c> would be
/// ambiguous, the AppHost has one too.
/// </summary>
public sealed class PaymentsApp(PaymentsDatabaseFixture infrastructure, string environment) : WebApplicationFactory<PaymentsDbContext>
{
    private string? _connectionString;

    public async Task StartAsync()
    {
        _connectionString = await infrastructure.CreateDatabaseAsync($"payments_http_{Guid.NewGuid():N}"[..26]);
        var client = CreateClient();
        await Wait.UntilAsync(
            async () => (await client.GetAsync("/health")).IsSuccessStatusCode, TimeSpan.FromSeconds(30), "payments healthy");
    }

    /// <summary>Handles a message in the app's own database, as its inbox consumer would.</summary>
    public Task HandleAsync<TMessage>(TMessage message)
        where TMessage : class => Handling.HandleAsync(Services, message);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("ConnectionStrings:paymentsdb", _connectionString);
        builder.UseSetting("ConnectionStrings:kafka", infrastructure.Infrastructure.KafkaBootstrapServers);
        builder.UseSetting("Kafka:Partitions", "1");
    }
}
