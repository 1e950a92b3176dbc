using Confluent.Kafka;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Shop.KafkaBroker.Apis;

/// <summary>
/// Fault injection for the chaos tests, over HTTP: brokers down and up, slow brokers, partition leaders, and request
/// errors by Kafka API. <c>GET /health</c> is 200 once every topic is visible.
/// </summary>
public static class BrokerAdminApi
{
    public static IEndpointRouteBuilder MapBrokerAdminApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", Health);
        app.MapGet("/cluster", Cluster);
        app.MapPost("/brokers/{id:int}/down", SetDown);
        app.MapPost("/brokers/{id:int}/up", SetUp);
        app.MapPost("/brokers/{id:int}/rtt/{milliseconds:int}", SetRoundTripTime);
        app.MapPost("/partitions/{topic}/{partition:int}/leader/{id:int}", SetLeader);
        app.MapPost("/requests/{api}/errors", PushErrors);
        app.MapDelete("/requests/{api}/errors", ClearErrors);
        return app;
    }

    public sealed record BrokerView(int Id, int Port, bool Up);

    public sealed record ClusterView(string BootstrapServers, IReadOnlyList<BrokerView> Brokers);

    /// <summary>Errors by name (<c>NotEnoughReplicas</c>) or code, pushed <paramref name="Repeat"/> times in order.</summary>
    public sealed record RequestErrors(IReadOnlyList<string> Errors, int Repeat = 1);

    private static Results<Ok<string>, StatusCodeHttpResult> Health(MockClusterHost host) =>
        host.Ready ? TypedResults.Ok("Healthy") : TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable);

    private static ClusterView Cluster(MockClusterHost host) => new(
        host.Cluster.BootstrapServers,
        [.. host.Cluster.BrokerPorts.Select((port, index) => new BrokerView(index + 1, port, !host.IsDown(index + 1)))]);

    private static NoContent SetDown(int id, MockClusterHost host)
    {
        host.SetBrokerDown(id);
        return TypedResults.NoContent();
    }

    private static NoContent SetUp(int id, MockClusterHost host)
    {
        host.SetBrokerUp(id);
        return TypedResults.NoContent();
    }

    private static NoContent SetRoundTripTime(int id, int milliseconds, MockClusterHost host)
    {
        host.Cluster.SetBrokerRoundTripTime(id, TimeSpan.FromMilliseconds(milliseconds));
        return TypedResults.NoContent();
    }

    private static NoContent SetLeader(string topic, int partition, int id, MockClusterHost host)
    {
        host.Cluster.SetPartitionLeader(topic, partition, id);
        return TypedResults.NoContent();
    }

    private static Results<NoContent, ValidationProblem> PushErrors(string api, RequestErrors body, MockClusterHost host)
    {
        if (!Enum.TryParse<KafkaApiKey>(api, ignoreCase: true, out var apiKey))
        {
            return Invalid("api", $"unknown Kafka API '{api}'");
        }

        var codes = new List<ErrorCode>();
        foreach (var error in body.Errors)
        {
            if (!Enum.TryParse<ErrorCode>(error, ignoreCase: true, out var code))
            {
                return Invalid("errors", $"unknown error code '{error}'");
            }

            codes.Add(code);
        }

        if (codes.Count == 0 || body.Repeat < 1)
        {
            return Invalid("errors", "at least one error, repeated at least once");
        }

        host.Cluster.PushRequestErrors(apiKey, [.. Enumerable.Range(0, codes.Count * body.Repeat).Select(i => codes[i % codes.Count])]);
        return TypedResults.NoContent();
    }

    private static Results<NoContent, ValidationProblem> ClearErrors(string api, MockClusterHost host)
    {
        if (!Enum.TryParse<KafkaApiKey>(api, ignoreCase: true, out var apiKey))
        {
            return Invalid("api", $"unknown Kafka API '{api}'");
        }

        host.Cluster.ClearRequestErrors(apiKey);
        return TypedResults.NoContent();
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
