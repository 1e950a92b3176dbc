using System.Net.Http.Json;
using Confluent.Kafka;

namespace Shop.AppHost.Testing;

/// <summary>The local broker's admin endpoint (Shop.KafkaBroker's <c>BrokerAdminApi</c>): brokers down and up,
/// requests of one Kafka API answered with errors. Only the local broker has it; a real Kafka has no such switch.</summary>
public sealed class BrokerAdminClient(HttpClient http) : IDisposable
{
    public sealed record BrokerView(int Id, int Port, bool Up);

    public sealed record ClusterView(string BootstrapServers, IReadOnlyList<BrokerView> Brokers);

    public async Task<ClusterView> ClusterAsync(CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<ClusterView>("/cluster", cancellationToken)
        ?? throw new InvalidOperationException("the broker's admin endpoint answered no cluster");

    public Task SetBrokerDownAsync(int broker, CancellationToken cancellationToken = default) =>
        PostAsync($"/brokers/{broker}/down", content: null, cancellationToken);

    public Task SetBrokerUpAsync(int broker, CancellationToken cancellationToken = default) =>
        PostAsync($"/brokers/{broker}/up", content: null, cancellationToken);

    /// <summary>The next <paramref name="repeat"/> × <paramref name="errors"/> requests of <paramref name="api"/> fail with them, in order.</summary>
    public Task PushRequestErrorsAsync(string api, IReadOnlyList<ErrorCode> errors, int repeat, CancellationToken cancellationToken = default) =>
        PostAsync($"/requests/{api}/errors", JsonContent.Create(new { errors = errors.Select(error => error.ToString()), repeat }), cancellationToken);

    public async Task ClearRequestErrorsAsync(string api, CancellationToken cancellationToken = default)
    {
        using var response = await http.DeleteAsync($"/requests/{api}/errors", cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private async Task PostAsync(string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(path, content, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => http.Dispose();
}
