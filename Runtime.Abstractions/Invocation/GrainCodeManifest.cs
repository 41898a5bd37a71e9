namespace MultiAgent.Runtime.Invocation;

/// <summary>Marks an assembly that carries generated grain code and names its manifest class.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class GrainCodeManifestAttribute(Type manifestType) : Attribute
{
    public Type ManifestType { get; } = manifestType;
}

/// <summary>Generated per assembly: lists its grain interfaces (with proxy factories) and grain classes.</summary>
public interface IGrainCodeManifest
{
    void Populate(IGrainCodeRegistry registry);
}

/// <summary>Filled by generated manifests; implemented by the runtime.</summary>
public interface IGrainCodeRegistry
{
    void AddGrainInterface(
        Type interfaceType,
        Func<IGrainReferenceRuntime, GrainId, GrainReference> createProxy,
        IReadOnlyList<GrainMethodDescriptor> methods);

    void AddGrainClass(Type grainClass);
}
