using System.Globalization;
using OpenQA.Selenium;
using Shop.AppHost.Tests.Fixtures;
using Shop.Testing;
using Xunit.Abstractions;

namespace Shop.AppHost.Tests.Browser;

/// <summary>
/// The page at <c>/</c> of the orders service, used as a person would, in headless Chromium against the running shop:
/// seed, order, watch the saga finish live, see stock and balance move, then the failure cases. Screenshots are saved
/// under <c>.shop/test-results/screenshots/</c>.
/// </summary>
[Collection(AspireShopCollection.Name)]
public sealed class StorefrontPageTests(AspireShopFixture fixture, ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan SagaTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan UiTimeout = TimeSpan.FromSeconds(20);

    private readonly HeadlessChromium _browser = HeadlessChromium.Start();
    private readonly string _customer = $"browser-{Guid.NewGuid():N}"[..16];

    private IWebDriver Page => _browser.Driver;

    [Fact]
    public async Task A_person_seeds_orders_watches_it_complete_live_and_sees_the_failure_cases()
    {
        Page.Navigate().GoToUrl(new Uri(fixture.App.GetEndpoint("orders", "http"), "/"));
        Page.Title.Should().Contain("Shop.Aspire");

        // Seed the demo data for a customer of this test's own.
        var customer = Page.FindElement(By.Id("customer"));
        customer.Clear();
        customer.SendKeys(_customer + Keys.Tab);
        Page.FindElement(By.Id("seed")).Click();
        await Wait.UntilAsync(() => Attribute("#balance", "data-balance") == "150.00", UiTimeout, "the seeded balance shows");
        await Wait.UntilAsync(() => Number("tr[data-sku='mug'] .onhand") == 25, UiTimeout, "the seeded mugs show");

        // Place an order for two mugs and watch it complete.
        Page.FindElement(By.CssSelector("#product option[value='mug']")).Click();
        var quantity = Page.FindElement(By.Id("quantity"));
        quantity.Clear();
        quantity.SendKeys("2");
        Page.FindElement(By.Id("place")).Click();

        await Wait.UntilAsync(() => Attribute("#order", "data-status") == "Completed", SagaTimeout, "the page shows the order Completed");
        Timeline().Should().Equal(("reserve", "Succeeded"), ("charge", "Succeeded"), ("commit", "Succeeded"), ("complete", "Succeeded"));
        Text("#order-status").Should().Be("Completed");
        Text("#order-total").Should().Be("17.00");
        // Stock and balance moved with the saga: two mugs sold, 17.00 taken.
        await Wait.UntilAsync(() => Number("tr[data-sku='mug'] .onhand") == 23 && Number("tr[data-sku='mug'] .available") == 23,
            UiTimeout, "the page shows 23 mugs on hand");
        await Wait.UntilAsync(() => Attribute("#balance", "data-balance") == "133.00", UiTimeout, "the page shows the balance lowered by 17.00");
        await Wait.UntilAsync(() => Text("#live") == "finished", UiTimeout, "the live stream ends with the order");
        Report(_browser.SaveScreenshot("storefront-completed"));

        // Out of stock: one more vinyl than there is.
        Page.FindElement(By.Id("try-out-of-stock")).Click();
        await Wait.UntilAsync(() => Attribute("#order", "data-status") == "Cancelled", SagaTimeout, "the out-of-stock order shows Cancelled");
        Text("#order-reason").Should().Contain("OutOfStock");
        Timeline().Should().Contain(("reserve", "Failed"));
        Number("tr[data-sku='vinyl'] .onhand").Should().Be(1);
        Report(_browser.SaveScreenshot("storefront-out-of-stock"));

        // Payment declined: more than the balance pays for; the stock is released and no money is taken.
        Page.FindElement(By.Id("try-declined")).Click();
        await Wait.UntilAsync(() => Attribute("#order", "data-status") == "Cancelled" && Text("#order-reason")?.Contains("PaymentDeclined", StringComparison.Ordinal) == true,
            SagaTimeout, "the declined order shows Cancelled (PaymentDeclined)");
        Timeline().Should().Contain([("charge", "Failed"), ("release", "Succeeded")]);
        await Wait.UntilAsync(() => Number("tr[data-sku='mug'] .reserved") == 0 && Number("tr[data-sku='mug'] .onhand") == 23,
            UiTimeout, "the page shows the mugs released");
        Attribute("#balance", "data-balance").Should().Be("133.00");
        Report(_browser.SaveScreenshot("storefront-declined"));
    }

    public void Dispose() => _browser.Dispose();

    private void Report(string screenshot) => output.WriteLine($"screenshot: {screenshot}");

    private List<(string Step, string Status)> Timeline() =>
        [.. Page.FindElements(By.CssSelector("#timeline li")).Select(li => (li.GetAttribute("data-step")!, li.GetAttribute("data-status")!))];

    // The page re-renders as events arrive: an element read a moment ago may be gone; that reads as "not yet".
    private string? Text(string css) => Read(() => Page.FindElement(By.CssSelector(css)).Text);

    private string? Attribute(string css, string name) => Read(() => Page.FindElement(By.CssSelector(css)).GetAttribute(name));

    private int? Number(string css) =>
        int.TryParse(Text(css), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string? Read(Func<string?> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is NoSuchElementException or StaleElementReferenceException)
        {
            return null;
        }
    }
}
