using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Shop.ServiceDefaults.Tests.Health;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Health_is_200_when_every_check_is_healthy()
    {
        // Arrange
        await using var app = await StartAsync(checks => checks.AddCheck("db", () => HealthCheckResult.Healthy("reachable")));

        // Act
        var response = await app.GetTestClient().GetAsync("/health");

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await ReadJsonAsync(response);
        body.GetProperty("status").GetString().Should().Be("Healthy");
        body.GetProperty("entries").GetProperty("self").GetProperty("status").GetString().Should().Be("Healthy");
        body.GetProperty("entries").GetProperty("db").GetProperty("description").GetString().Should().Be("reachable");
    }

    [Fact]
    public async Task Health_is_503_naming_the_failing_check_when_one_is_unhealthy()
    {
        // Arrange
        await using var app = await StartAsync(checks => checks.AddCheck("db", () => HealthCheckResult.Unhealthy("database down")));

        // Act
        var response = await app.GetTestClient().GetAsync("/health");

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var body = await ReadJsonAsync(response);
        body.GetProperty("status").GetString().Should().Be("Unhealthy");
        var db = body.GetProperty("entries").GetProperty("db");
        db.GetProperty("status").GetString().Should().Be("Unhealthy");
        db.GetProperty("description").GetString().Should().Be("database down");
    }

    [Fact]
    public async Task Health_is_200_when_a_check_is_only_degraded()
    {
        // Arrange
        await using var app = await StartAsync(checks => checks.AddCheck("cache", () => HealthCheckResult.Degraded("slow")));

        // Act
        var response = await app.GetTestClient().GetAsync("/health");

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReadJsonAsync(response)).GetProperty("status").GetString().Should().Be("Degraded");
    }

    [Fact]
    public async Task Alive_ignores_checks_not_tagged_live()
    {
        // Arrange
        await using var app = await StartAsync(checks => checks.AddCheck("db", () => HealthCheckResult.Unhealthy("database down")));
        var client = app.GetTestClient();

        // Act
        var alive = await client.GetAsync("/alive");
        var health = await client.GetAsync("/health");

        // Assert
        alive.StatusCode.Should().Be(HttpStatusCode.OK);
        var entries = (await ReadJsonAsync(alive)).GetProperty("entries");
        entries.TryGetProperty("self", out _).Should().BeTrue();
        entries.TryGetProperty("db", out _).Should().BeFalse();
        health.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task Alive_is_503_when_a_live_check_fails()
    {
        // Arrange
        await using var app = await StartAsync(checks =>
            checks.AddCheck("event-loop", () => HealthCheckResult.Unhealthy("stuck"), [Extensions.LiveTag]));

        // Act
        var response = await app.GetTestClient().GetAsync("/alive");

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
    }

    private static async Task<WebApplication> StartAsync(Action<IHealthChecksBuilder> addChecks)
    {
        // Production on purpose: the endpoints must exist outside Development.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseTestServer();
        builder.AddServiceDefaults();
        addChecks(builder.Services.AddHealthChecks());

        var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();
        return app;
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
