using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Shop.KafkaBroker;

/// <summary>
/// Finds the librdkafka that Confluent.Kafka loaded from the librdkafka.redist package and hands that very file to
/// this assembly's own P/Invoke (<see cref="LibRdKafka"/>), so the mock cluster and the Kafka clients share one copy
/// of the library in the process. Confluent.Kafka picks the file itself: on Linux x64 the redist's generic
/// <c>librdkafka.so</c> where its dependencies are present (it needs <c>libsasl2.so.3</c>, which Debian 12 lacks),
/// else <c>centos8-librdkafka.so</c> from the same folder (DESIGN §6).
/// </summary>
public static partial class LibRdKafkaLibrary
{
    private static readonly Lazy<(string? Path, string? Problem)> Loaded = new(Load);

    /// <summary>The full path of the loaded library, or null with <see cref="Problem"/> saying why none loads.</summary>
    public static string? LoadedPath => Loaded.Value.Path;

    /// <summary>What is missing, in one line, when no file of the package loads on this machine.</summary>
    public static string? Problem => Loaded.Value.Problem;

    /// <summary>A <see cref="DllImportResolver"/>: <c>librdkafka</c> resolves to the file Confluent.Kafka loaded; every other
    /// library name is left to the runtime's default probing.</summary>
    public static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != LibRdKafka.Library)
        {
            return IntPtr.Zero;
        }

        // dlopen of a file already in the process returns the handle it already has: no second copy.
        return LoadedPath is { } path
            ? NativeLibrary.Load(path)
            : throw new DllNotFoundException($"librdkafka from the librdkafka.redist package does not load here; missing: {Problem}");
    }

    private static (string? Path, string? Problem) Load()
    {
        try
        {
            Confluent.Kafka.Library.Load();
        }
        catch (Exception ex) when (ex is DllNotFoundException or InvalidOperationException or BadImageFormatException)
        {
            return (null, DiagnoseUnloadable());
        }

        return FindMappedLibrary() is { } path
            ? (path, null)
            : (null, "Confluent.Kafka reports librdkafka loaded, but no librdkafka file is mapped into this process");
    }

    /// <summary>The file of the process's address space whose name is librdkafka's (Linux: <c>/proc/self/maps</c>).</summary>
    private static string? FindMappedLibrary()
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps))
        {
            return null;
        }

        foreach (var line in File.ReadLines(maps))
        {
            var slash = line.IndexOf('/');
            if (slash < 0)
            {
                continue;
            }

            var path = line[slash..];
            if (Path.GetFileName(path).Contains("librdkafka", StringComparison.Ordinal) && path.Contains(".so", StringComparison.Ordinal))
            {
                return path;
            }
        }

        return null;
    }

    /// <summary>Tries each of the package's files that Confluent.Kafka would try on this platform and names the shared
    /// objects they miss, e.g. "libsasl2.so.3 (which librdkafka.redist's librdkafka.so needs)".</summary>
    private static string DiagnoseUnloadable()
    {
        var confluentFolder = Path.GetDirectoryName(typeof(Confluent.Kafka.Library).Assembly.Location) ?? AppContext.BaseDirectory;
        // Since .NET 8 the runtime reports the portable RID (linux-x64, linux-musl-x64): the name of the package's folder.
        var native = Path.Combine(confluentFolder, "runtimes", RuntimeInformation.RuntimeIdentifier, "native");
        if (!Directory.Exists(native))
        {
            return $"librdkafka.redist's native files for {RuntimeInformation.RuntimeIdentifier} (no folder {native})";
        }

        // Confluent.Kafka takes the alpine build on musl only; its absent libc says nothing on a glibc system.
        var musl = RuntimeInformation.RuntimeIdentifier.Contains("musl", StringComparison.Ordinal);
        var missing = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(native, "*librdkafka*.so*"))
        {
            if (Path.GetFileName(file).StartsWith("alpine-", StringComparison.Ordinal) != musl)
            {
                continue;
            }

            try
            {
                NativeLibrary.Free(NativeLibrary.Load(file));
            }
            catch (DllNotFoundException ex)
            {
                foreach (Match match in MissingSharedObject().Matches(ex.Message))
                {
                    var name = match.Groups["name"].Value;
                    if (!missing.TryGetValue(name, out var neededBy))
                    {
                        missing[name] = neededBy = new SortedSet<string>(StringComparer.Ordinal);
                    }

                    neededBy.Add(Path.GetFileName(file));
                }
            }
        }

        return missing.Count > 0
            ? string.Join(" or ", missing.Select(entry => $"{entry.Key} (which librdkafka.redist's {string.Join(", ", entry.Value)} needs)"))
            : $"a librdkafka that loads on {RuntimeInformation.OSDescription} (none of the files in {native} does)";
    }

    // dlerror's text: "libsasl2.so.3: cannot open shared object file: No such file or directory".
    [GeneratedRegex(@"(?<name>lib[\w.+-]+\.so[\w.]*): cannot open shared object file")]
    private static partial Regex MissingSharedObject();
}
