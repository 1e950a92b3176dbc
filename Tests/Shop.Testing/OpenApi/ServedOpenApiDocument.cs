using System.Net;
using System.Text.Json;

namespace Shop.Testing.OpenApi;

/// <summary>A service's <c>/openapi/v1.json</c> as served, parsed into what the tests assert on.</summary>
public sealed class ServedOpenApiDocument
{
    public const string Path = "/openapi/v1.json";

    private ServedOpenApiDocument(JsonElement root) => Root = root;

    public JsonElement Root { get; }

    public string OpenApiVersion => Root.GetProperty("openapi").GetString()!;

    public string Title => Root.GetProperty("info").GetProperty("title").GetString()!;

    /// <summary>Every path with its methods, e.g. <c>/api/orders/{id}</c> → <c>get</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Paths =>
        Root.GetProperty("paths").EnumerateObject()
            .ToDictionary(p => p.Name, p => (IReadOnlyList<string>)[.. p.Value.EnumerateObject().Select(m => m.Name)]);

    public IReadOnlyList<string> OperationIds =>
        [.. Root.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject())
            .Where(m => m.Value.ValueKind == JsonValueKind.Object && m.Value.TryGetProperty("operationId", out _))
            .Select(m => m.Value.GetProperty("operationId").GetString()!)];

    /// <summary>The operation at <paramref name="path"/> and <paramref name="method"/> (lower case, as in the document).</summary>
    public JsonElement Operation(string path, string method) => Root.GetProperty("paths").GetProperty(path).GetProperty(method);

    public static async Task<ServedOpenApiDocument> ReadAsync(HttpClient client)
    {
        using var response = await client.GetAsync(Path);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{Path} answered {(int)response.StatusCode}");
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return new ServedOpenApiDocument(json.RootElement.Clone());
    }
}
