using System.Reflection;
using MultiAgent.Runtime.Invocation;

namespace MultiAgent.Runtime.Metadata;

/// <summary>
/// Finds assemblies carrying generated grain code: those already loaded, and those the entry
/// assembly references (directly or not), which may not be loaded yet at start-up.
/// </summary>
internal static class GrainAssemblyDiscovery
{
    public static IEnumerable<Assembly> Discover()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<Assembly>(AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic));
        if (Assembly.GetEntryAssembly() is { } entry)
        {
            pending.Enqueue(entry);
        }

        while (pending.TryDequeue(out var assembly))
        {
            if (!seen.Add(assembly.FullName ?? assembly.GetName().Name!) || IsFrameworkAssembly(assembly.GetName()))
            {
                continue;
            }

            if (assembly.IsDefined(typeof(GrainCodeManifestAttribute), inherit: false))
            {
                yield return assembly;
            }

            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (IsFrameworkAssembly(reference) || seen.Contains(reference.FullName))
                {
                    continue;
                }

                var loaded = TryLoad(reference);
                if (loaded is not null)
                {
                    pending.Enqueue(loaded);
                }
            }
        }
    }

    private static bool IsFrameworkAssembly(AssemblyName name) =>
        name.Name is null
        || name.Name.StartsWith("System", StringComparison.Ordinal)
        || name.Name.StartsWith("Microsoft", StringComparison.Ordinal)
        || name.Name.StartsWith("xunit", StringComparison.Ordinal)
        || name.Name is "netstandard" or "mscorlib";

    private static Assembly? TryLoad(AssemblyName name)
    {
        try
        {
            return Assembly.Load(name);
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return null;
        }
    }
}
