using MultiAgent.Runtime.Invocation;

namespace MultiAgent.Runtime.Metadata;

/// <summary>A grain interface as registered by generated code: how to build its proxy and its methods.</summary>
internal sealed class GrainInterfaceInfo(
    Type interfaceType,
    Func<IGrainReferenceRuntime, GrainId, GrainReference> createProxy,
    IReadOnlyList<GrainMethodDescriptor> methods)
{
    public Type InterfaceType { get; } = interfaceType;

    public Func<IGrainReferenceRuntime, GrainId, GrainReference> CreateProxy { get; } = createProxy;

    public IReadOnlyList<GrainMethodDescriptor> Methods { get; } = methods;
}
