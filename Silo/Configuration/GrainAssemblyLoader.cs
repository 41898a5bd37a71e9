using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace MultiAgent.Silo.Configuration;

/// <summary>
/// Loads a grain assembly from outside the silo's folder into the default load context. The default
/// context matters: the assembly must bind to the silo's own MultiAgent.Runtime.Abstractions, or its
/// grain interfaces would be different types from the ones the runtime knows. Dependencies the silo does
/// not ship resolve from the assembly's folder through its .deps.json, as a plugin's would.
/// </summary>
internal static class GrainAssemblyLoader
{
    public static Assembly Load(string path)
    {
        var name = AssemblyName.GetAssemblyName(path);
        var loaded = AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => string.Equals(a.GetName().Name, name.Name, StringComparison.OrdinalIgnoreCase));
        if (loaded is not null)
        {
            // Already part of the silo (e.g. listed though the silo references it): one copy only.
            return loaded;
        }

        var resolver = new AssemblyDependencyResolver(path);
        AssemblyLoadContext.Default.Resolving += (context, dependency) =>
            resolver.ResolveAssemblyToPath(dependency) is { } dependencyPath ? context.LoadFromAssemblyPath(dependencyPath) : null;
        AssemblyLoadContext.Default.ResolvingUnmanagedDll += (_, library) =>
            resolver.ResolveUnmanagedDllToPath(library) is { } libraryPath ? NativeLibrary.Load(libraryPath) : IntPtr.Zero;
        return AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
    }
}
