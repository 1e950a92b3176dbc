using Shop.LocalHost;

namespace Shop.EndToEnd.Tests.Support;

/// <summary>
/// Per-test-run folders under <c>.shop/e2e/{test host pid}/</c> for state files and logs, apart from those of a
/// <c>./shop run</c> that may be running at the same time. Logs are kept for reading after a failure; the
/// folders of test runs whose process is gone are removed when a new test run starts.
/// </summary>
public static class TestRunDirectory
{
    private static readonly string Root = Path.Combine(new LocalTopologyOptions().RepoRoot, ".shop", "e2e");
    private static readonly Lazy<string> Current = new(CreateCurrent);

    public static string For(string purpose)
    {
        var path = Path.Combine(Current.Value, purpose);
        Directory.CreateDirectory(path);
        return path;
    }

    private static string CreateCurrent()
    {
        if (Directory.Exists(Root))
        {
            foreach (var earlier in Directory.EnumerateDirectories(Root))
            {
                if (int.TryParse(Path.GetFileName(earlier), out var pid) && pid != Environment.ProcessId && !ProcessProbe.IsAlive(pid))
                {
                    Directory.Delete(earlier, recursive: true);
                }
            }
        }

        var current = Path.Combine(Root, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(current);
        return current;
    }
}
