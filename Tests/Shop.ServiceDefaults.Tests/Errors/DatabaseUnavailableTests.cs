using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Shop.ServiceDefaults.Tests.Errors;

/// <summary>Which exceptions the service defaults answer 503 (the database is unavailable for the moment) and which
/// they leave to the default 500. Shop.Orders.Tests shows it with Npgsql's real pool exhaustion.</summary>
public sealed class DatabaseUnavailableTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseTestServer();
        builder.AddServiceDefaults();
        builder.Services.AddProblemDetails();
        _app = builder.Build();
        _app.UseExceptionHandler();
        _app.MapGet("/transient", () => Throw(new TestDbException(transient: true)));
        // EF Core wraps the provider's exception (DbUpdateException) when a save fails.
        _app.MapGet("/wrapped", () => Throw(new InvalidOperationException("saving failed", new TestDbException(transient: true))));
        _app.MapGet("/permanent", () => Throw(new TestDbException(transient: false)));
        _app.MapGet("/other", () => Throw(new InvalidOperationException("a bug")));
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    [Theory]
    [InlineData("/transient")]
    [InlineData("/wrapped")]
    public async Task A_transient_database_error_is_503_problem_with_retry_after(string path)
    {
        // Act
        using var response = await _client.GetAsync(path);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        response.Headers.RetryAfter!.Delta.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1));
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32().Should().Be(503);
    }

    [Theory]
    [InlineData("/permanent")]
    [InlineData("/other")]
    public async Task Any_other_error_stays_500_without_retry_after(string path)
    {
        // Act
        using var response = await _client.GetAsync(path);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        response.Headers.RetryAfter.Should().BeNull();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private static string Throw(Exception exception) => throw exception;

    private sealed class TestDbException(bool transient) : DbException("the database said no")
    {
        public override bool IsTransient => transient;
    }
}
