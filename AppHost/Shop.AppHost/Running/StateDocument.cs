using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shop.AppHost.Running;

/// <summary>One entry of <c>.shop/state.json</c>: <c>url</c> for services, <c>port</c> for the others.</summary>
public sealed record StateComponent(string Name, int? Pid, string? Url = null, int? Port = null, string? BootstrapServers = null);

/// <summary>The content of <c>.shop/state.json</c>, in the shape LocalHost wrote (scripts and <c>./shop dlq</c> read it).</summary>
/// <param name="Pid">The AppHost's pid: SIGTERM to it stops everything listed.</param>
/// <param name="Components">postgres, redis, kafka, then the service instances (one per replica).</param>
public sealed record StateDocument(int Pid, IReadOnlyList<StateComponent> Components)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Written to a temporary file and renamed over the old one, so a reader never sees half a document.</summary>
    public void WriteTo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, JsonOptions));
        File.Move(temporary, path, overwrite: true);
    }
}
