using System.Net.Http.Json;

namespace Shop.AppHost.Running;

/// <summary>
/// One order through the whole saga before <c>ready</c>: the first order of a fresh system pays for JIT, EF model
/// building, first connections and prepared statements in every service, and took seconds; the one a user places
/// next should not. It uses a product and a customer of its own (<c>warm-up</c>), so it touches no one's data.
/// </summary>
internal static class WarmUpOrder
{
    private const string Sku = "shop-warm-up";
    private const string Customer = "shop-warm-up";

    public static async Task RunAsync(HttpClient http, Uri orders, Uri inventory, Uri payments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var token = deadline.Token;
        (await http.PutAsJsonAsync(new Uri(inventory, $"/api/products/{Sku}"), new { name = "Warm-up", unitPrice = 1m, onHand = 1_000_000 }, token))
            .EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync(new Uri(payments, $"/api/accounts/{Customer}"), new { balance = 1_000_000m }, token))
            .EnsureSuccessStatusCode();
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(orders, "/api/orders"))
            {
                Content = JsonContent.Create(new { customerId = Customer, items = new[] { new { sku = Sku, quantity = 1 } } }),
            };
            request.Headers.Add("Idempotency-Key", $"warm-up-{Guid.NewGuid():N}");
            using var accepted = await http.SendAsync(request, token);
            accepted.EnsureSuccessStatusCode();
            var location = accepted.Headers.Location ?? throw new InvalidOperationException("POST /api/orders answered without a Location");
            var status = await WaitForTerminalAsync(http, new Uri(orders, location), token);
            if (status == "Completed")
            {
                return;
            }

            // Cancelled by a step deadline while a service was still starting: go again.
        }
    }

    private static async Task<string> WaitForTerminalAsync(HttpClient http, Uri order, CancellationToken token)
    {
        while (true)
        {
            var view = await http.GetFromJsonAsync<OrderView>(order, token);
            if (view?.Status is "Completed" or "Cancelled")
            {
                return view.Status;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), token);
        }
    }

    private sealed record OrderView(string Status);
}
