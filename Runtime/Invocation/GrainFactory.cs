using System.Collections.Concurrent;
using MultiAgent.Runtime.Metadata;

namespace MultiAgent.Runtime.Invocation;

/// <summary>Builds typed grain references: resolves an interface to its grain type once, then wraps ids in generated proxies.</summary>
internal sealed class GrainFactory(GrainTypeManifest manifest, IGrainTypeResolver grainTypes, IGrainReferenceRuntime runtime) : IGrainFactory
{
    private readonly ConcurrentDictionary<Type, Binding> _bindings = new();

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey
    {
        if (string.IsNullOrWhiteSpace(primaryKey))
        {
            throw new ArgumentException(
                $"A grain key must not be null or empty (GetGrain<{typeof(TGrainInterface).Name}>({(primaryKey is null ? "null" : $"\"{primaryKey}\"")})).",
                nameof(primaryKey));
        }

        return Create<TGrainInterface>(primaryKey);
    }

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey) where TGrainInterface : IGrainWithGuidKey =>
        Create<TGrainInterface>(GrainId.FormatKey(primaryKey));

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey) where TGrainInterface : IGrainWithIntegerKey =>
        Create<TGrainInterface>(GrainId.FormatKey(primaryKey));

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId) where TGrainInterface : IAddressable
    {
        if (grainId.IsDefault)
        {
            throw new ArgumentException("The grain id is empty.", nameof(grainId));
        }

        var binding = Bind(typeof(TGrainInterface));
        if (!grainTypes.Implements(grainId.Type, typeof(TGrainInterface)))
        {
            throw new ArgumentException($"Grain {grainId} does not implement {typeof(TGrainInterface).FullName}.", nameof(grainId));
        }

        return (TGrainInterface)(object)binding.Interface.CreateProxy(runtime, grainId);
    }

    private TGrainInterface Create<TGrainInterface>(string key)
    {
        var binding = Bind(typeof(TGrainInterface));
        return (TGrainInterface)(object)binding.Interface.CreateProxy(runtime, new GrainId(binding.GrainType, key));
    }

    private Binding Bind(Type interfaceType) =>
        _bindings.GetOrAdd(interfaceType, static (type, self) => new Binding(self.manifest.GetInterface(type), self.grainTypes.GetGrainType(type)), (manifest, grainTypes));

    private sealed record Binding(GrainInterfaceInfo Interface, string GrainType);
}
