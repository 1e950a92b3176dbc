using System.Net;

namespace Shop.Orders.Storefront;

/// <summary>
/// The storefront's view of the payments service: a customer's balance, and seeding it. Service discovery and the
/// standard resilience pipeline come from ServiceDefaults' client defaults.
/// </summary>
public sealed class AccountsClient(HttpClient http)
{
    public const string BaseAddress = "https+http://payments";

    /// <summary>The account, or null when the customer has none.</summary>
    public async Task<StorefrontAccount?> GetAsync(string customerId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => http.GetAsync(Path(customerId), cancellationToken), cancellationToken);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await ReadAsync(response, cancellationToken);
    }

    public async Task<StorefrontAccount> SetBalanceAsync(string customerId, decimal balance, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            () => http.PutAsJsonAsync(Path(customerId), new { balance }, cancellationToken), cancellationToken);
        return await ReadAsync(response, cancellationToken);
    }

    private static string Path(string customerId) => $"/api/accounts/{Uri.EscapeDataString(customerId)}";

    private static async Task<HttpResponseMessage> SendAsync(Func<Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        try
        {
            return await send();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StorefrontUnavailableException("payments", ex.GetBaseException().Message, ex);
        }
    }

    private static async Task<StorefrontAccount> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new StorefrontUnavailableException("payments", $"it answered {(int)response.StatusCode}");
        }

        return await response.Content.ReadFromJsonAsync<StorefrontAccount>(cancellationToken)
            ?? throw new StorefrontUnavailableException("payments", "it answered with an empty body");
    }
}
