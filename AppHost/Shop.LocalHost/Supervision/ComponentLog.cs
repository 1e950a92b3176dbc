using System.Text;

namespace Shop.LocalHost.Supervision;

/// <summary>
/// One component's log file (<c>.shop/logs/{name}.log</c>): its stdout and stderr across restarts, plus
/// LocalHost's own notes about it prefixed <c>[shop]</c>. Lines can also be echoed to a console.
/// </summary>
internal sealed class ComponentLog : IDisposable
{
    public const string NotePrefix = "[shop] ";

    private readonly StreamWriter _writer;
    private readonly Action<string, string>? _echo;
    private readonly Action<string>? _notes;
    private readonly Lock _gate = new();
    private bool _disposed;

    public ComponentLog(string name, string path, Action<string, string>? echo, Action<string>? notes)
    {
        Name = name;
        Path = path;
        _echo = echo;
        _notes = notes;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        // Each run starts a fresh file; others may read it while it is written (tail -f, error messages).
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        _writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true };
    }

    public string Name { get; }

    public string Path { get; }

    public void Line(string line)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _writer.WriteLine(line);
        }

        _echo?.Invoke(Name, line);
    }

    /// <summary>Something LocalHost did or saw (start, exit, restart): in the file and on the notes channel.</summary>
    public void Note(string message)
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _writer.WriteLine($"{NotePrefix}{DateTimeOffset.Now:HH:mm:ss.fff} {message}");
            }
        }

        _notes?.Invoke($"{Name}: {message}");
    }

    /// <summary>The last lines written by the component itself, for an error message.</summary>
    public string Tail(int lines = 5)
    {
        try
        {
            using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            const int window = 16 * 1024;
            stream.Seek(Math.Max(0, stream.Length - window), SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            var text = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return string.Join(" | ", text.Where(line => !line.StartsWith(NotePrefix, StringComparison.Ordinal)).TakeLast(lines));
        }
        catch (IOException)
        {
            return "";
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _writer.Dispose();
        }
    }
}
