using MultiAgent.Runtime.Metadata;

namespace MultiAgent.Runtime.Invocation;

/// <summary>Which grain type implements a grain interface: from the grain classes in a silo, from the gateway's welcome in a client.</summary>
internal interface IGrainTypeResolver
{
    /// <summary>The grain type for <paramref name="interfaceType"/>, or an ArgumentException saying why there is none.</summary>
    string GetGrainType(Type interfaceType);

    /// <summary>Whether grains of <paramref name="grainType"/> can be addressed through <paramref name="interfaceType"/>.</summary>
    bool Implements(string grainType, Type interfaceType);
}

/// <summary>A silo resolves from the grain classes it hosts.</summary>
internal sealed class ManifestGrainTypeResolver(GrainTypeManifest manifest) : IGrainTypeResolver
{
    public string GetGrainType(Type interfaceType) => manifest.GetImplementation(interfaceType).GrainType;

    public bool Implements(string grainType, Type interfaceType) =>
        manifest.TryGetGrainClass(grainType, out var grainClass) && interfaceType.IsAssignableFrom(grainClass.GrainClass);
}
