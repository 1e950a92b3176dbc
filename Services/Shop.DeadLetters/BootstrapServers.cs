using System.Text.Json;

namespace Shop.DeadLetters;

/// <summary>Where the broker is: <c>--bootstrap</c>, else the <c>kafka</c> component of a running
/// <c>./shop run</c>'s state file.</summary>
public static class BootstrapServers
{
    public static string Resolve(DeadLetterArguments arguments)
    {
        if (!string.IsNullOrWhiteSpace(arguments.Bootstrap))
        {
            return arguments.Bootstrap;
        }

        if (!File.Exists(arguments.StateFile))
        {
            throw new UsageException($"no --bootstrap given and no state file at {arguments.StateFile} (is ./shop run going?)");
        }

        using var state = JsonDocument.Parse(File.ReadAllText(arguments.StateFile));
        foreach (var component in state.RootElement.GetProperty("components").EnumerateArray())
        {
            if (component.GetProperty("name").GetString() == "kafka"
                && component.TryGetProperty("bootstrapServers", out var servers)
                && servers.GetString() is { Length: > 0 } value)
            {
                return value;
            }
        }

        throw new UsageException($"the state file {arguments.StateFile} names no kafka bootstrap servers");
    }
}
