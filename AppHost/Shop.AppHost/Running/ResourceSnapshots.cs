using System.Globalization;

namespace Shop.AppHost.Running;

/// <summary>What a resource instance's snapshot says about its process and address, read the same way by the
/// console report (<see cref="ShopRunReporter"/>) and by whatever else watches the AppHost's notifications.</summary>
public static class ResourceSnapshots
{
    /// <summary>The pid DCP reports (for a project, its <c>dotnet run</c>'s; see <see cref="LaunchedProcess"/>).</summary>
    public static int? Pid(ResourceEvent change) =>
        change.Snapshot.Properties.FirstOrDefault(property => property.Name == "executable.pid")?.Value switch
        {
            int pid => pid,
            long pid => (int)pid,
            string text when int.TryParse(text, CultureInfo.InvariantCulture, out var pid) => pid,
            _ => null,
        };

    /// <summary>The instance's own address where the snapshot names one, else the endpoint every instance shares.</summary>
    public static Uri? Url(ResourceEvent change) =>
        change.Snapshot.Urls.Where(url => url.Url.StartsWith("http://", StringComparison.Ordinal) && !url.IsInactive)
            .OrderBy(url => url.IsInternal ? 0 : 1)
            .Select(url => new Uri(new Uri(url.Url).GetLeftPart(UriPartial.Authority)))
            .FirstOrDefault();
}
