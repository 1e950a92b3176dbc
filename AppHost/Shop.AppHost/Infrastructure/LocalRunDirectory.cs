using System.Diagnostics;
using Microsoft.Extensions.Hosting;

namespace Shop.AppHost.Infrastructure;

/// <summary>
/// This run's throw-away data (<c>{temp}/shop-aspire-{user}/apphost/{pid}-{id}</c>): the PostgreSQL cluster and
/// redis-server's folder. Removed when the AppHost stops; a folder whose AppHost is gone (killed) is removed by
/// the next start, DCP having already stopped its processes.
/// </summary>
public sealed class LocalRunDirectory
{
    private LocalRunDirectory(string path) => Path = path;

    public string Path { get; }

    public static string Root => System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"shop-aspire-{Environment.UserName}", "apphost");

    public static LocalRunDirectory Create()
    {
        RemoveStale();
        var path = System.IO.Path.Combine(Root, $"{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(path);
        return new LocalRunDirectory(path);
    }

    /// <summary>Publishing starts nothing: the paths only have to be well formed.</summary>
    public static LocalRunDirectory ForPublishing() => new(System.IO.Path.Combine(Root, "publish"));

    public string Subdirectory(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Creates a folder that <paramref name="user"/> (when not null) owns, as PostgreSQL wants its data directory.</summary>
    public void PrepareForUser(string folder, string? user)
    {
        Directory.CreateDirectory(folder);
        if (user is not null)
        {
            using var chown = Process.Start("chown", [$"{user}:{user}", folder]);
            chown.WaitForExit();
            if (chown.ExitCode != 0)
            {
                throw new InvalidOperationException($"shop: could not give {folder} to the {user} user (chown exited with {chown.ExitCode})");
            }
        }
    }

    public void Delete()
    {
        // PostgreSQL may still be writing its last files for a moment after DCP has stopped it.
        for (var attempt = 0; attempt < 20 && Directory.Exists(Path); attempt++)
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                Thread.Sleep(250);
            }
        }
    }

    private static void RemoveStale()
    {
        if (!Directory.Exists(Root))
        {
            return;
        }

        foreach (var folder in Directory.EnumerateDirectories(Root))
        {
            var owner = System.IO.Path.GetFileName(folder).Split('-')[0];
            if (int.TryParse(owner, out var pid) && pid != Environment.ProcessId && !Directory.Exists($"/proc/{pid}"))
            {
                new LocalRunDirectory(folder).Delete();
            }
        }
    }
}

/// <summary>Removes the run's data once the application has stopped (DCP has stopped every process by then).</summary>
internal sealed class LocalRunDirectoryCleanup(LocalRunDirectory run, IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopped.Register(run.Delete);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
