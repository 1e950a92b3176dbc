using System.Net;
using System.Net.Http.Json;
using Shop.AppHost.Testing;
using Shop.AppHost.Tests.Fixtures;
using Shop.Messaging.Diagnostics;
using Shop.Testing;

namespace Shop.AppHost.Tests.Messaging;

/// <summary>A record produced by one service process reaches the consumers of the others through the broker; each
/// side names its own process, which is the service under the resource's <c>dotnet run</c>.</summary>
[Collection(AspireShopCollection.Name)]
public sealed class CrossProcessMessagingTests(AspireShopFixture fixture)
{
    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(30);

    public static TheoryData<string> Senders => [.. ShopAppHost.Services];

    [Theory]
    [MemberData(nameof(Senders))]
    public async Task A_ping_sent_by_one_service_is_consumed_by_every_other_service_process(string sender)
    {
        // Arrange
        await fixture.WaitForHealthyAsync();
        using var senderClient = fixture.App.CreateHttpClient(sender);

        // Act
        using var response = await senderClient.PostAsync("/diagnostics/messaging/ping", content: null);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var ping = await response.Content.ReadFromJsonAsync<MessagingPing>();
        ping!.From.Should().Be(sender);
        var senderPid = ProcessId(sender);

        foreach (var receiver in ShopAppHost.Services.Where(name => name != sender))
        {
            using var receiverClient = fixture.App.CreateHttpClient(receiver);
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
            received.ReceivedByInstance.Should().EndWith($"-{ProcessId(receiver)}");
        }
    }

    [Fact]
    public async Task A_ping_nobody_sent_is_not_found()
    {
        // Arrange
        using var client = fixture.App.CreateHttpClient("inventory");

        // Act
        using var response = await client.GetAsync($"/diagnostics/messaging/pings/{Guid.CreateVersion7()}");

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private int ProcessId(string service) =>
        fixture.Shop.ServiceProcessId(fixture.Shop.Instances(service).Single().ResourceId)
        ?? throw new InvalidOperationException($"{service} has no running process");
}
