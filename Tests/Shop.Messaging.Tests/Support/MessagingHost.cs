using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shop.Messaging.Extensions;

namespace Shop.Messaging.Tests.Support;

/// <summary>A generic host with the service-side Kafka registration, as a service's Program.cs builds it.</summary>
public static class MessagingHost
{
    public static IHost Build(
        string bootstrapServers,
        string serviceName,
        Action<IServiceCollection>? configure = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:kafka"] = bootstrapServers,
            ["Kafka:Partitions"] = KafkaBrokerFixture.Partitions.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        // Warnings and up: enough to see why a test failed without drowning the test output.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddKafkaMessaging(serviceName);
        builder.Services.AddSingleton<AttemptRecorder>();
        configure?.Invoke(builder.Services);
        return builder.Build();
    }
}
