using MultiAgent.Runtime.Invocation;

namespace MultiAgent.Runtime.Messaging.Serialization;

/// <summary>
/// Rebuilds grain references read off the wire as proxies bound to this process's runtime, so a
/// reference works wherever it arrives. The runtime is resolved lazily: it usually depends on the codec.
/// </summary>
internal sealed class GrainReferenceBinder
{
    private readonly IWireMetadata _metadata;
    private readonly Func<IGrainReferenceRuntime>? _resolveRuntime;
    private IGrainReferenceRuntime? _runtime;

    public GrainReferenceBinder(IWireMetadata metadata, Func<IGrainReferenceRuntime>? resolveRuntime)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        _metadata = metadata;
        _resolveRuntime = resolveRuntime;
    }

    public GrainReference Bind(GrainId grainId, string interfaceName)
    {
        if (!_metadata.TryGetProxyFactory(interfaceName, out var createProxy))
        {
            throw new MessageFormatException(
                $"A grain reference to {grainId} names grain interface '{interfaceName}', which is not registered here.");
        }

        return createProxy(_runtime ??= ResolveRuntime(), grainId);
    }

    private IGrainReferenceRuntime ResolveRuntime() =>
        _resolveRuntime?.Invoke() ?? throw new InvalidOperationException(
            "A grain reference arrived but this message codec has no grain reference runtime to bind it to; " +
            "construct the MessageCodec with the silo's or client's IGrainReferenceRuntime.");
}
