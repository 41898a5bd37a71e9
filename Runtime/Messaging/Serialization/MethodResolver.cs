using System.Runtime.CompilerServices;
using MultiAgent.Runtime.Invocation;

namespace MultiAgent.Runtime.Messaging.Serialization;

/// <summary>
/// Finds the descriptor for an (interface, method) pair read off the wire. The names come from
/// <see cref="Utf8StringCache"/>, so the same name is usually the same instance: a direct-mapped slot
/// keyed by object identity answers without hashing the names again. Misses (first use, evicted
/// names) fall through to the metadata; unknown names are never cached.
/// </summary>
internal sealed class MethodResolver(IWireMetadata metadata)
{
    private const int SlotCount = 256; // a power of two

    private readonly Entry?[] _slots = new Entry?[SlotCount];

    public GrainMethodDescriptor? Resolve(string interfaceName, string methodId)
    {
        var index = ((RuntimeHelpers.GetHashCode(interfaceName) * 31) + RuntimeHelpers.GetHashCode(methodId)) & (SlotCount - 1);
        ref var slot = ref _slots[index];
        var entry = Volatile.Read(ref slot);
        if (entry is not null && ReferenceEquals(entry.InterfaceName, interfaceName) && ReferenceEquals(entry.MethodId, methodId))
        {
            return entry.Method;
        }

        if (!metadata.TryGetMethod(interfaceName, methodId, out var method))
        {
            return null;
        }

        Volatile.Write(ref slot, new Entry(interfaceName, methodId, method));
        return method;
    }

    private sealed record Entry(string InterfaceName, string MethodId, GrainMethodDescriptor Method);
}
