using System.Reflection;
using MultiAgent.Runtime.Invocation;

namespace MultiAgent.Runtime.Metadata;

/// <summary>
/// Finds assemblies carrying generated grain code: those already loaded, those the entry assembly
/// references (directly or not), and those deployed beside the application — a project reference
/// whose types the host never names leaves no reference in its metadata, yet its grains belong to
/// the application.
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

        foreach (var deployed in DeployedGrainAssemblies())
        {
            pending.Enqueue(deployed);
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

    // Reads metadata only (no load) and loads just the files that carry a grain code manifest.
    private static IEnumerable<Assembly> DeployedGrainAssemblies()
    {
        var loaded = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var path in Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll"))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (loaded.Contains(name) || IsFrameworkAssembly(new AssemblyName(name)) || !HasGrainCodeManifest(path))
            {
                continue;
            }

            var assembly = TryLoad(new AssemblyName(name));
            if (assembly is not null)
            {
                yield return assembly;
            }
        }
    }

    private static bool HasGrainCodeManifest(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
            if (!pe.HasMetadata)
            {
                return false;
            }

            var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
            foreach (var handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
            {
                var constructor = metadata.GetCustomAttribute(handle).Constructor;
                if (constructor.Kind == System.Reflection.Metadata.HandleKind.MemberReference
                    && metadata.GetMemberReference((System.Reflection.Metadata.MemberReferenceHandle)constructor).Parent is { Kind: System.Reflection.Metadata.HandleKind.TypeReference } parent
                    && metadata.GetString(metadata.GetTypeReference((System.Reflection.Metadata.TypeReferenceHandle)parent).Name) == nameof(GrainCodeManifestAttribute))
                {
                    return true;
                }
            }
        }
        catch (Exception e) when (e is IOException or BadImageFormatException or UnauthorizedAccessException)
        {
        }

        return false;
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
