using System.Net;
using Shop.Contracts;

namespace Shop.Orders.Pricing;

/// <summary>
/// Prices an order's lines with the inventory service: the one synchronous call of the saga (DESIGN §2).
/// Service discovery and the standard resilience pipeline come from ServiceDefaults' client defaults, so what
/// reaches this class has already been retried.
/// </summary>
public sealed partial class InventoryClient(HttpClient http, ILogger<InventoryClient> logger)
{
    public const string BaseAddress = "https+http://inventory";
    public const string PricePath = "/api/products/price";

    public async Task<PricingResult> PriceAsync(IReadOnlyList<OrderLine> items, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync(PricePath, new PriceRequest(items), cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Connection refused, timeouts, an open circuit, no configured endpoint: all mean "not now".
            LogUnavailable(ex.GetBaseException().Message, ex);
            return PricingResult.Unavailable;
        }

        using (response)
        {
            try
            {
                return response.StatusCode switch
                {
                    HttpStatusCode.OK => Priced(items, await response.Content.ReadFromJsonAsync<PriceResponse>(cancellationToken)),
                    HttpStatusCode.BadRequest => Rejected(await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(cancellationToken)),
                    _ => Unexpected(response.StatusCode),
                };
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogMalformedAnswer((int)response.StatusCode, ex.Message, ex);
                return PricingResult.Unavailable;
            }
        }
    }

    private PricingResult Priced(IReadOnlyList<OrderLine> items, PriceResponse? priced)
    {
        var lines = priced?.Items;
        var matches = lines is not null
            && lines.Count == items.Count
            && lines.Zip(items).All(pair => pair.First.Sku == pair.Second.Sku
                && pair.First.Quantity == pair.Second.Quantity
                && pair.First.UnitPrice >= 0);
        if (!matches)
        {
            // Pricing what the customer did not ask for would be worse than not answering.
            LogMismatch();
            return PricingResult.Unavailable;
        }

        return PricingResult.Priced([.. lines!.Select(line => new PricedOrderLine(line.Sku, line.Quantity, line.UnitPrice))]);
    }

    private PricingResult Rejected(HttpValidationProblemDetails? problem)
    {
        if (problem is null || problem.Errors.Count == 0)
        {
            LogMalformedAnswer(StatusCodes.Status400BadRequest, "a 400 without field errors", exception: null);
            return PricingResult.Unavailable;
        }

        return PricingResult.Rejected(problem.Errors);
    }

    private PricingResult Unexpected(HttpStatusCode status)
    {
        LogUnexpectedStatus((int)status);
        return PricingResult.Unavailable;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inventory is unavailable for pricing: {Error}")]
    private partial void LogUnavailable(string error, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Inventory answered pricing with {Status} and an unreadable body: {Error}")]
    private partial void LogMalformedAnswer(int status, string error, Exception? exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inventory answered pricing with {Status}")]
    private partial void LogUnexpectedStatus(int status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Inventory priced other lines than it was asked for")]
    private partial void LogMismatch();
}
