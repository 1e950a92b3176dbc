namespace Shop.LocalHost;

/// <summary>One of the shop's services: where its build output is and which database it owns.</summary>
/// <param name="Name">Resource name, as in the Aspire AppHost (<c>services__{Name}__http__0</c>).</param>
/// <param name="ProjectDirectory">Project folder relative to the repository root.</param>
/// <param name="AssemblyName">The project's assembly name; the entry point is <c>{AssemblyName}.dll</c>.</param>
/// <param name="Database">Its PostgreSQL database, also its connection string name.</param>
public sealed record ServiceDefinition(string Name, string ProjectDirectory, string AssemblyName, string Database)
{
    public string EntryAssemblyPath(string repoRoot, string configuration) =>
        Path.Combine(repoRoot, ProjectDirectory, "bin", configuration, "net10.0", AssemblyName + ".dll");
}
