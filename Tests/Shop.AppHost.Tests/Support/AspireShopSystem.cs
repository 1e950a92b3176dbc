using Shop.AppHost.Tests.Fixtures;
using Shop.Scenarios;

namespace Shop.AppHost.Tests.Support;

/// <summary>The shared scenarios' view of the shop that the Aspire AppHost runs. Stopping and starting a service are
/// the dashboard's own Stop and Start commands, run through <see cref="ResourceCommandService"/>.</summary>
public sealed class AspireShopSystem(AspireShopFixture fixture) : IShopSystem
{
    public TimeSpan SagaStepDeadline => AspireShopFixture.PaymentDeadline;

    public HttpClient CreateClient(string service) => fixture.App.CreateHttpClient(service);

    public async Task StopServiceAsync(string service)
    {
        using var cts = new CancellationTokenSource(AspireShopFixture.DefaultTimeout);
        await ExecuteAsync(service, KnownResourceCommands.StopCommand, cts.Token);
        // The command returns once the stop is under way; the scenario needs the service gone.
        await fixture.App.ResourceNotifications.WaitForResourceAsync(service, KnownResourceStates.TerminalStates, cts.Token);
    }

    public async Task StartServiceAsync(string service)
    {
        using var cts = new CancellationTokenSource(AspireShopFixture.DefaultTimeout);
        await ExecuteAsync(service, KnownResourceCommands.StartCommand, cts.Token);
        await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync(service, cts.Token);
    }

    private async Task ExecuteAsync(string service, string command, CancellationToken cancellationToken)
    {
        // The IResource overload runs the command on every replica of the resource.
        var resource = fixture.AppResources.Single(r => r.Name == service);
        var result = await fixture.App.ResourceCommands.ExecuteCommandAsync(resource, command, cancellationToken);
        // Only Success is read: the property carrying the reason was renamed between Aspire releases
        // (ErrorMessage, then Message), and the resource's own log in the dashboard says more anyway.
        if (!result.Success)
        {
            throw new InvalidOperationException($"'{command}' on '{service}' failed; see the resource's log.");
        }
    }
}
