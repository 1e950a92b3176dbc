using System.Net;

namespace Shop.Orders.Storefront;

/// <summary>
/// The storefront's view of the inventory service: products with their stock, and seeding them. Like
/// <see cref="Pricing.InventoryClient"/>, it goes through service discovery and the standard resilience pipeline.
/// </summary>
public sealed class ProductsClient(HttpClient http)
{
    public const string BaseAddress = "https+http://inventory";

    public async Task<IReadOnlyList<StorefrontProduct>> ListAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => http.GetAsync("/api/products", cancellationToken), cancellationToken);
        return await ReadAsync<List<StorefrontProduct>>(response, cancellationToken);
    }

    public async Task<StorefrontProduct> PutAsync(DemoProduct product, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            () => http.PutAsJsonAsync(
                $"/api/products/{Uri.EscapeDataString(product.Sku)}",
                new { name = product.Name, unitPrice = product.UnitPrice, onHand = product.OnHand },
                cancellationToken),
            cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            throw new StorefrontConflictException(
                $"Product '{product.Sku}' has stock held by orders in flight; seed again once they have finished.");
        }

        return await ReadAsync<StorefrontProduct>(response, cancellationToken);
    }

    private static async Task<HttpResponseMessage> SendAsync(Func<Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        try
        {
            return await send();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StorefrontUnavailableException("inventory", ex.GetBaseException().Message, ex);
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new StorefrontUnavailableException("inventory", $"it answered {(int)response.StatusCode}");
        }

        return await response.Content.ReadFromJsonAsync<T>(cancellationToken)
            ?? throw new StorefrontUnavailableException("inventory", "it answered with an empty body");
    }
}
