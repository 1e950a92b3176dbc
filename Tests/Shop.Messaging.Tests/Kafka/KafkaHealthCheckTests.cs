using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Shop.Messaging.Kafka;
using Shop.Messaging.Tests.Support;
using Shop.Testing;

namespace Shop.Messaging.Tests.Kafka;

public sealed class KafkaHealthCheckTests(KafkaBrokerFixture kafka) : IClassFixture<KafkaBrokerFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Is_healthy_once_the_topics_exist_and_the_broker_answers()
    {
        // Arrange
        using var host = MessagingHost.Build(kafka.BootstrapServers, "health-test");
        await host.StartAsync();
        var readiness = host.Services.GetRequiredService<KafkaTopicsReadiness>();
        await readiness.WhenReady(new CancellationTokenSource(Deadline).Token);

        // Act
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        // Assert
        report.Entries["kafka"].Status.Should().Be(HealthStatus.Healthy);
        await host.StopAsync();
    }

    [Fact]
    public async Task Is_unhealthy_with_the_reason_while_no_broker_answers_and_the_host_keeps_running()
    {
        // Arrange: nothing listens on loopback port 1.
        using var host = MessagingHost.Build("127.0.0.1:1", "no-broker-test");
        await host.StartAsync();
        var readiness = host.Services.GetRequiredService<KafkaTopicsReadiness>();
        await Wait.UntilAsync(() => readiness.LastError is not null, Deadline, "the provisioner reported a failed attempt");

        // Act
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        // Assert
        report.Entries["kafka"].Status.Should().Be(HealthStatus.Unhealthy);
        report.Entries["kafka"].Description.Should().Contain("not provisioned yet");
        readiness.IsReady.Should().BeFalse();
        await host.StopAsync();
    }
}
