using System.Net;

namespace Shop.Scenarios.Edge;

/// <summary>One hostile or broken request and the answer it must get: a status, and the field the problem's
/// <c>errors</c> map must name (null when the problem names no field).</summary>
public sealed record AbuseCase(
    string Name,
    string Service,
    HttpMethod Method,
    string Path,
    string Body,
    HttpStatusCode Status,
    string? Field,
    string ContentType = "application/json",
    string? IdempotencyKey = "generate")
{
    public override string ToString() => Name;
}
