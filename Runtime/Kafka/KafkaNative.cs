using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace MultiAgent.Runtime.Kafka;

/// <summary>
/// Points Confluent.Kafka at the operating system's librdkafka. The package feed has no librdkafka.redist,
/// so the native library comes from the OS package (librdkafka1, pulled in by librdkafka-dev). Call
/// <see cref="EnsureLoaded"/> once before creating any Kafka client; it is cheap after the first call.
/// </summary>
public static class KafkaNative
{
    /// <summary>Overrides the library's path, e.g. for a librdkafka built by hand.</summary>
    public const string PathVariable = "MULTIAGENT_LIBRDKAFKA";

    // The soname first: the runtime package ships only librdkafka.so.1; the unversioned name needs the -dev package.
    private static readonly string[] Candidates = ["librdkafka.so.1", "librdkafka.so", "librdkafka.1.dylib", "librdkafka.dylib", "librdkafka.dll"];

    private static readonly Lock Gate = new();
    private static IntPtr _handle;
    private static string? _path;

    // Set before Confluent.Kafka binds its entry points, which it does while loading.
    private static IntPtr _resolverHandle;

    /// <summary>The loaded library's handle, for the few entry points Confluent.Kafka does not wrap (the mock cluster).</summary>
    public static IntPtr Handle
    {
        get
        {
            EnsureLoaded();
            return _handle;
        }
    }

    /// <summary>Where librdkafka was loaded from (as given to the dynamic loader).</summary>
    public static string LibraryPath
    {
        get
        {
            EnsureLoaded();
            return _path!;
        }
    }

    /// <summary>Loads librdkafka and hands it to Confluent.Kafka; throws with the fix when it is missing.</summary>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (_handle != IntPtr.Zero)
            {
                return;
            }

            var (path, handle) = Locate();
            _resolverHandle = handle;

            // Confluent.Kafka binds its P/Invokes to the name "librdkafka", which without the -dev symlink
            // finds nothing: answer that name with the library we found. (Library.Load(path) is no help on
            // Linux: it dlopens through "libdl", which glibc 2.34+ no longer ships as an unversioned .so.)
            try
            {
                NativeLibrary.SetDllImportResolver(typeof(Library).Assembly, Resolve);
            }
            catch (InvalidOperationException)
            {
                // Someone set a resolver for Confluent.Kafka already; theirs wins.
            }

            try
            {
                if (!Library.IsLoaded)
                {
                    Library.Load();
                }
            }
            catch (Exception e) when (e is DllNotFoundException or InvalidOperationException or EntryPointNotFoundException or FileLoadException)
            {
                throw new InvalidOperationException($"librdkafka at '{path}' could not be used by Confluent.Kafka: {e.Message}", e);
            }

            _path = path;
            _handle = handle;
        }
    }

    private static (string Path, IntPtr Handle) Locate()
    {
        var overridden = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrEmpty(overridden))
        {
            return NativeLibrary.TryLoad(overridden, out var own)
                ? (overridden, own)
                : throw new InvalidOperationException($"{PathVariable} points at '{overridden}', which could not be loaded as librdkafka.");
        }

        foreach (var candidate in Candidates)
        {
            if (NativeLibrary.TryLoad(candidate, out var handle))
            {
                return (candidate, handle);
            }
        }

        throw new InvalidOperationException(
            "librdkafka (the native Kafka client) was not found: install librdkafka-dev (scripts/test.sh does), " +
            $"or set {PathVariable} to the library's path.");
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == "librdkafka" ? Volatile.Read(ref _resolverHandle) : IntPtr.Zero;
}
