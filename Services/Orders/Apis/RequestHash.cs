using System.Security.Cryptography;
using System.Text.Json;

namespace Shop.Orders.Apis;

/// <summary>
/// Fingerprints a valid submit request so that a replay under the same <c>Idempotency-Key</c> can be told
/// from a different order under a reused key. Canonical means: only what makes the order (customer, then the
/// lines in the given order), as JSON, so formatting, property order and unknown fields do not matter but
/// every value does, and no two different requests can serialize alike.
/// </summary>
public static class RequestHash
{
    public static string Compute(SubmitOrderRequest request)
    {
        var canonical = new CanonicalRequest(
            request.CustomerId ?? "",
            [.. (request.Items ?? []).Select(item => new CanonicalItem(item?.Sku ?? "", item?.Quantity ?? 0))]);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(canonical);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    private sealed record CanonicalRequest(string CustomerId, CanonicalItem[] Items);

    private sealed record CanonicalItem(string Sku, int Quantity);
}
