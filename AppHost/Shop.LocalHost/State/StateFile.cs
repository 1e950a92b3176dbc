using System.Text.Json;
using System.Text.Json.Serialization;
using Shop.LocalHost.Supervision;

namespace Shop.LocalHost.State;

/// <summary>
/// <c>.shop/state.json</c>: who is running where, rewritten whenever a pid changes. Written to a temporary
/// file and renamed over the old one, so a reader never sees half a document.
/// </summary>
public sealed class StateFile
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly Lock _gate = new();

    public StateFile(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
    }

    public string Path { get; }

    public static StateDocument? TryRead(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<StateDocument>(File.ReadAllText(path), JsonOptions);
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Refuses to take over a state file that another live LocalHost is writing.</summary>
    public void ThrowIfOwnedByAnotherProcess()
    {
        if (TryRead(Path) is { } existing && existing.Pid != Environment.ProcessId && ProcFs.IsAlive(existing.Pid))
        {
            throw new LocalTopologyException(
                $"another Shop.LocalHost (pid {existing.Pid}) is using {Path}; stop it, or give this one its own state file and logs (--state-file, --log-directory)");
        }
    }

    public void Write(StateDocument document)
    {
        lock (_gate)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            var temporary = $"{Path}.{Environment.ProcessId}.tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(document, JsonOptions));
            File.Move(temporary, Path, overwrite: true);
        }
    }

    public void Delete()
    {
        lock (_gate)
        {
            File.Delete(Path);
        }
    }
}
