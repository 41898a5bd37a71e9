using System.Reflection;
using Microsoft.Extensions.Configuration;
using MultiAgent.Runtime.Invocation;
using MultiAgent.Runtime.Hosting;

namespace MultiAgent.Silo.Configuration;

/// <summary>
/// Registers the grain assemblies listed under <c>MultiAgent:Silo:GrainAssemblies</c> (paths to .dll files),
/// so users deploy their own grains to the stock silo. A path that is missing, not an assembly, or without
/// grain code stops start-up with an error naming the key and the path.
/// </summary>
internal static class GrainAssemblyConfiguration
{
    public const string Key = ConfigurationKeys.Silo + ":GrainAssemblies";

    public static ISiloBuilder AddConfiguredGrainAssemblies(this ISiloBuilder silo)
    {
        foreach (var entry in silo.Configuration.GetSection(Key).GetChildren())
        {
            silo.AddGrainAssembly(Load($"{Key}:{entry.Key}", entry.Value));
        }

        return silo;
    }

    private static Assembly Load(string key, string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new InvalidOperationException($"{key} must be the path of a grain assembly (.dll), but it is empty.");
        }

        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new InvalidOperationException($"{key} names the grain assembly '{path}', which does not exist (looked for {fullPath}).");
        }

        Assembly assembly;
        try
        {
            assembly = GrainAssemblyLoader.Load(fullPath);
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException)
        {
            throw new InvalidOperationException($"{key} names '{fullPath}', which cannot be loaded as a .NET assembly: {e.Message}", e);
        }

        if (!assembly.IsDefined(typeof(GrainCodeManifestAttribute), inherit: false))
        {
            throw new InvalidOperationException(
                $"{key} names '{fullPath}', which has no generated grain code (build it with <GrainCodeGen>true</GrainCodeGen>).");
        }

        return assembly;
    }
}
