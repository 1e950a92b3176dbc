using OpenQA.Selenium.Chrome;

namespace Shop.AppHost.Tests.Browser;

/// <summary>
/// Debian's <c>chromium</c>, headless, driven through Debian's <c>chromedriver</c> (the same build, so the versions
/// always match and nothing is downloaded: Selenium Manager is never asked, because both paths are given).
/// <c>eng/install-deps.sh --browser</c> installs them; <c>./shop test</c> runs it.
/// </summary>
public sealed class HeadlessChromium : IDisposable
{
    public const string BrowserPath = "/usr/bin/chromium";
    public const string DriverPath = "/usr/bin/chromedriver";

    private HeadlessChromium(ChromeDriver driver) => Driver = driver;

    public ChromeDriver Driver { get; }

    /// <summary>Where screenshots go: <c>.shop/test-results/screenshots</c>, beside the TRX files of <c>./shop test</c>.</summary>
    public static string ScreenshotDirectory { get; } =
        Path.Combine(RepoRoot(), ".shop", "test-results", "screenshots");

    public static HeadlessChromium Start()
    {
        foreach (var required in new[] { BrowserPath, DriverPath })
        {
            if (!File.Exists(required))
            {
                throw new InvalidOperationException(
                    $"{required} is missing: install Debian's chromium and chromium-driver (eng/install-deps.sh --browser, which ./shop test runs).");
            }
        }

        var options = new ChromeOptions { BinaryLocation = BrowserPath };
        // The machine has no internet and no display; the sandbox needs privileges a test runner (root) lacks.
        options.AddArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-dev-shm-usage", "--window-size=1440,1000");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        driver.Manage().Timeouts().ImplicitWait = TimeSpan.Zero;
        return new HeadlessChromium(driver);
    }

    /// <summary>Saves what the browser shows as <c>{name}.png</c> under <see cref="ScreenshotDirectory"/>; returns the path.</summary>
    public string SaveScreenshot(string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        Driver.GetScreenshot().SaveAsFile(path);
        return path;
    }

    public void Dispose() => Driver.Quit();

    // The checkout this test assembly was built in: the nearest folder above the build output holding the solution.
    private static string RepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Shop.Aspire.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Shop.Aspire.sln above {AppContext.BaseDirectory}");
    }
}
