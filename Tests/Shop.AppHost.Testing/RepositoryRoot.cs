namespace Shop.AppHost.Testing;

/// <summary>The checkout this code was built in: the folder above the build output that holds <c>Shop.Aspire.sln</c>.</summary>
public static class RepositoryRoot
{
    public static string Find()
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
