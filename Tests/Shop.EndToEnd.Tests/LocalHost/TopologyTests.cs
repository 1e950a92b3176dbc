using System.Diagnostics;
using System.Net;
using Shop.EndToEnd.Tests.Fixtures;
using Shop.EndToEnd.Tests.Support;
using Shop.LocalHost;
using Shop.LocalHost.State;
using Shop.Scenarios;
using Shop.Testing;

namespace Shop.EndToEnd.Tests.LocalHost;

/// <summary>The running topology as the issue defines "done": healthy services, a truthful state file,
/// and a service killed with SIGKILL coming back healthy.</summary>
[Collection(LocalTopologyCollection.Name)]
public sealed class TopologyTests(LocalTopologyFixture fixture)
{
    public static TheoryData<string> Services => [.. ShopServices.Names];

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Service_answers_health_with_200(string service)
    {
        // Arrange
        using var client = fixture.CreateClient(service);

        // Act
        using var response = await client.GetAsync("/health");

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void State_file_lists_every_component_with_its_live_pid_and_address()
    {
        // Act
        var state = StateFile.TryRead(fixture.StateFilePath);

        // Assert
        state.Should().NotBeNull();
        state!.Pid.Should().Be(Environment.ProcessId, "the topology runs inside the test process");
        state.Components.Select(component => component.Name).Should()
            .Equal("postgres", "redis", "kafka", "orders", "inventory", "payments", "orchestrator");
        state.Components.Should().AllSatisfy(component => ProcessProbe.IsAlive(component.Pid).Should().BeTrue(component.Name));
        state.Components.Where(component => ShopServices.Names.Contains(component.Name)).Should().AllSatisfy(service =>
        {
            service.Url.Should().Be(fixture.Topology.ServiceUrl(service.Name).GetLeftPart(UriPartial.Authority));
            service.Port.Should().BeNull();
        });
        state.Components.Where(component => !ShopServices.Names.Contains(component.Name)).Should().AllSatisfy(infrastructure =>
        {
            infrastructure.Port.Should().BeInRange(1, 65535);
            infrastructure.Url.Should().BeNull();
        });
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Service_killed_with_SIGKILL_is_restarted_answers_health_with_200_and_orders_complete_again(string service)
    {
        // Arrange
        var killedPid = PidInStateFile(service);

        // Act
        Process.GetProcessById(killedPid).Kill(); // SIGKILL, like kill -9 with a pid from .shop/state.json

        // Assert
        var restartedPid = await Wait.ForAsync(
            () => PidInStateFile(service) is var pid && pid != killedPid ? pid : (int?)null,
            TestTimeouts.Restart,
            $"{service} restarted with a new pid in the state file");
        ProcessProbe.IsAlive(killedPid).Should().BeFalse();
        await fixture.Topology.WaitForHealthyAsync(service, TestTimeouts.Recovery);
        using var client = fixture.CreateClient(service);
        using var response = await client.GetAsync("/health");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        fixture.Topology.ProcessId(service).Should().Be(restartedPid);
        // Healthy is not yet back in business: the killed consumer's group waits out its session before the new
        // process gets its partitions. An order that completes end to end shows the shop works again (and leaves
        // it warm for the tests that measure saga deadlines).
        await SystemWarmUp.RunAsync(new LocalShopSystem(fixture), TestTimeouts.WarmUp);
    }

    private int PidInStateFile(string name) =>
        StateFile.TryRead(fixture.StateFilePath)?.Components.Single(component => component.Name == name).Pid
        ?? throw new InvalidOperationException($"no readable state file at {fixture.StateFilePath}");
}
