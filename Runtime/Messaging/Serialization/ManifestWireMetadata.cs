using System.Collections.Concurrent;
using MultiAgent.Runtime.Invocation;
using MultiAgent.Runtime.Metadata;

namespace MultiAgent.Runtime.Messaging.Serialization;

/// <summary><see cref="IWireMetadata"/> over the silo's (or client's) <see cref="GrainTypeManifest"/>.</summary>
internal sealed class ManifestWireMetadata(GrainTypeManifest manifest) : IWireMetadata
{
    // The manifest indexes interfaces by Type; the wire names them by full name.
    private readonly ConcurrentDictionary<string, Func<IGrainReferenceRuntime, GrainId, GrainReference>> _proxies = new(StringComparer.Ordinal);

    public bool TryGetMethod(string interfaceName, string methodId, out GrainMethodDescriptor method) =>
        manifest.TryGetMethod(interfaceName, methodId, out method);

    public bool TryGetProxyFactory(string interfaceName, out Func<IGrainReferenceRuntime, GrainId, GrainReference> createProxy)
    {
        if (_proxies.TryGetValue(interfaceName, out createProxy!))
        {
            return true;
        }

        // A miss scans the manifest (rare: once per interface, or a garbled name); misses are not cached so garbage cannot grow the map.
        foreach (var info in manifest.GrainInterfaces)
        {
            if (string.Equals(info.InterfaceType.FullName, interfaceName, StringComparison.Ordinal))
            {
                createProxy = _proxies.GetOrAdd(interfaceName, info.CreateProxy);
                return true;
            }
        }

        return false;
    }
}
