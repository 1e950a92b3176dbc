using System.Net;
using System.Text.Json;
using Shop.AppHost.Testing;
using Shop.AppHost.Tests.Fixtures;
using Shop.AppHost.Tests.Support;
using Shop.Scenarios;
using Shop.Testing;

namespace Shop.AppHost.Tests.Recovery;

/// <summary>kill -9 of a service with the pid from the state file, as a user would: the AppHost shows it exited and
/// does not start it by itself; the resource's Start command brings it back healthy, with its new pid in the state
/// file, and orders complete again.</summary>
[Collection(RecoveryShopCollection.Name)]
public sealed class ServiceKillTests(AspireShopFixture fixture)
{
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(60);

    public static TheoryData<string> Services => [.. ShopAppHost.Services];

    [Theory]
    [MemberData(nameof(Services))]
    public async Task A_service_killed_with_SIGKILL_is_started_again_by_its_Start_command_and_orders_complete_again(string service)
    {
        // Arrange
        await fixture.WaitForHealthyAsync();
        var instance = fixture.Shop.Instances(service).Single().ResourceId;
        var killedPid = PidInStateFile(service) ?? throw new InvalidOperationException($"the state file has no pid for {service}");
        fixture.Shop.ServiceProcessId(instance).Should().Be(killedPid, "the state file names the service's own process");

        // Act
        UnixSignals.Signal(killedPid, UnixSignals.SigKill).Should().BeTrue();
        await Wait.UntilAsync(() => fixture.Shop.Instances(service).Single().State is "Exited" or "Finished", Recovery,
            $"the AppHost shows {service} down");
        await fixture.Shop.StartInstanceAsync(instance);

        // Assert
        var restartedPid = await Wait.ForAsync(
            () => PidInStateFile(service) is var pid && pid != killedPid && pid == fixture.Shop.ServiceProcessId(instance) ? pid : (int?)null,
            Recovery,
            $"{service}'s new process in the state file");
        File.Exists($"/proc/{killedPid}/stat").Should().BeFalse("the killed process is gone");
        using var client = fixture.App.CreateHttpClient(service);
        using var response = await client.GetAsync("/health");
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"{service} (pid {restartedPid}) is healthy again");
        // Healthy is not yet back in business: the killed consumer's group waits out its session before the new
        // process gets its partitions. An order that completes end to end shows the shop works again (and leaves
        // it warm for the tests that measure saga deadlines).
        await SystemWarmUp.RunAsync(new AspireShopSystem(fixture), AspireShopFixture.DefaultTimeout);
    }

    private int? PidInStateFile(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(fixture.StateFilePath));
        return document.RootElement.GetProperty("components").EnumerateArray()
            .Single(component => component.GetProperty("name").GetString() == name)
            .TryGetProperty("pid", out var pid) ? pid.GetInt32() : null;
    }
}
