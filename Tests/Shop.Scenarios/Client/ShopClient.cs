using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Shop.Testing;

namespace Shop.Scenarios.Client;

/// <summary>The shop's HTTP contract (DESIGN §4) as the scenarios use it; every call asserts its status code.</summary>
public sealed class ShopClient(IShopSystem system) : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _orders = system.CreateClient("orders");
    private readonly HttpClient _inventory = system.CreateClient("inventory");
    private readonly HttpClient _payments = system.CreateClient("payments");

    public HttpClient Orders => _orders;

    public async Task<ProductDto> PutProductAsync(string sku, string name, decimal unitPrice, int onHand)
    {
        using var response = await _inventory.PutAsJsonAsync($"/api/products/{sku}", new { name, unitPrice, onHand }, Json);
        await EnsureAsync(response, HttpStatusCode.OK, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<ProductDto>(Json))!;
    }

    public async Task<ProductDto> GetProductAsync(string sku) =>
        (await _inventory.GetFromJsonAsync<ProductDto>($"/api/products/{sku}", Json))!;

    public async Task<AccountDto> PutAccountAsync(string customerId, decimal balance)
    {
        using var response = await _payments.PutAsJsonAsync($"/api/accounts/{customerId}", new { balance }, Json);
        await EnsureAsync(response, HttpStatusCode.OK, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<AccountDto>(Json))!;
    }

    public async Task<AccountDto> GetAccountAsync(string customerId) =>
        (await _payments.GetFromJsonAsync<AccountDto>($"/api/accounts/{customerId}", Json))!;

    public async Task<IReadOnlyList<PaymentDto>> GetPaymentsAsync(Guid orderId) =>
        (await _payments.GetFromJsonAsync<List<PaymentDto>>($"/api/payments?orderId={orderId}", Json))!;

    /// <summary>Posts an order and returns the raw response (the caller asserts on it).</summary>
    public Task<HttpResponseMessage> PostOrderRawAsync(string? idempotencyKey, string jsonBody, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = new StringContent(jsonBody, Encoding.UTF8, contentType),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return _orders.SendAsync(request);
    }

    public async Task<OrderAcceptedDto> PostOrderAsync(string customerId, params (string Sku, int Quantity)[] items)
    {
        var body = JsonSerializer.Serialize(new { customerId, items = items.Select(i => new { sku = i.Sku, quantity = i.Quantity }) }, Json);
        using var response = await PostOrderRawAsync(Guid.NewGuid().ToString(), body);
        await EnsureAsync(response, HttpStatusCode.Accepted);
        response.Headers.Location.Should().NotBeNull();
        var accepted = (await response.Content.ReadFromJsonAsync<OrderAcceptedDto>(Json))!;
        response.Headers.Location!.OriginalString.Should().EndWith($"/api/orders/{accepted.OrderId}");
        return accepted;
    }

    public async Task<OrderDto?> GetOrderAsync(Guid orderId)
    {
        using var response = await _orders.GetAsync($"/api/orders/{orderId}");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureAsync(response, HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<OrderDto>(Json);
    }

    public Task<HttpResponseMessage> CancelOrderAsync(Guid orderId) =>
        _orders.PostAsync($"/api/orders/{orderId}/cancel", content: null);

    public Task<OrderDto> WaitForStatusAsync(Guid orderId, string status, TimeSpan timeout) =>
        Wait.ForAsync(async () => await GetOrderAsync(orderId) is { } order && order.Status == status ? order : null,
            timeout, $"order {orderId} reaches {status}");

    public Task<OrderDto> WaitForTerminalAsync(Guid orderId, TimeSpan timeout) =>
        Wait.ForAsync(async () => await GetOrderAsync(orderId) is { IsTerminal: true } order ? order : null,
            timeout, $"order {orderId} reaches a terminal status");

    public static async Task EnsureAsync(HttpResponseMessage response, params HttpStatusCode[] expected)
    {
        if (!expected.Contains(response.StatusCode))
        {
            var body = await response.Content.ReadAsStringAsync();
            throw new Xunit.Sdk.XunitException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, expected {string.Join(" or ", expected.Cast<int>())}: {body}");
        }
    }

    public void Dispose()
    {
        _orders.Dispose();
        _inventory.Dispose();
        _payments.Dispose();
    }
}
