using System.Net;
using System.Net.Http.Json;
using Shop.EndToEnd.Tests.Fixtures;
using Shop.EndToEnd.Tests.Support;
using Shop.LocalHost;
using Shop.Messaging.Diagnostics;
using Shop.Testing;

namespace Shop.EndToEnd.Tests.Messaging;

/// <summary>A record produced by one service process reaches the consumers of the others through the broker.</summary>
[Collection(LocalTopologyCollection.Name)]
public sealed class CrossProcessMessagingTests(LocalTopologyFixture fixture)
{
    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(30);

    public static TheoryData<string> Senders => [.. ShopServices.Names];

    [Theory]
    [MemberData(nameof(Senders))]
    public async Task A_ping_sent_by_one_service_is_consumed_by_every_other_service_process(string sender)
    {
        // Arrange
        await fixture.Topology.WaitForHealthyAsync(TestTimeouts.Recovery);
        using var senderClient = fixture.CreateClient(sender);

        // Act
        using var response = await senderClient.PostAsync("/diagnostics/messaging/ping", content: null);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var ping = await response.Content.ReadFromJsonAsync<MessagingPing>();
        ping!.From.Should().Be(sender);
        var senderPid = fixture.Topology.ProcessId(sender);

        foreach (var receiver in ShopServices.Names.Where(name => name != sender))
        {
            using var receiverClient = fixture.CreateClient(receiver);
            var received = await Wait.ForAsync(
                async () =>
                {
                    using var probe = await receiverClient.GetAsync($"/diagnostics/messaging/pings/{ping.PingId}");
                    return probe.StatusCode == HttpStatusCode.OK ? await probe.Content.ReadFromJsonAsync<ReceivedPing>() : null;
                },
                Delivery,
                $"{receiver} received the ping {sender} sent");

            received.From.Should().Be(sender);
            received.ReceivedBy.Should().Be(receiver);
            received.FromInstance.Should().EndWith($"-{senderPid}", "the ping was produced by the sender's own process");
            received.ReceivedByInstance.Should().EndWith($"-{fixture.Topology.ProcessId(receiver)}");
        }
    }

    [Fact]
    public async Task A_ping_nobody_sent_is_not_found()
    {
        // Arrange
        using var client = fixture.CreateClient("inventory");

        // Act
        using var response = await client.GetAsync($"/diagnostics/messaging/pings/{Guid.CreateVersion7()}");

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
