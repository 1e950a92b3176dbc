using System.Text.Json;

namespace Shop.Messaging.Envelope;

/// <summary>The JSON form of message bodies: System.Text.Json with web defaults (camelCase), the same
/// conventions as the HTTP API, so a record read off a topic looks like what the API returns.</summary>
public sealed class MessageSerializer
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public string Serialize(object message, Type type) => JsonSerializer.Serialize(message, type, Options);

    /// <summary>Reads a body; throws <see cref="JsonException"/> when it is not valid JSON for <paramref name="type"/>.</summary>
    public object Deserialize(ReadOnlySpan<byte> utf8Json, Type type) =>
        JsonSerializer.Deserialize(utf8Json, type, Options)
            ?? throw new JsonException($"The body is JSON null, not a {type.Name}.");
}
