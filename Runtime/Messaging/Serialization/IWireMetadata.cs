using MultiAgent.Runtime.Invocation;

namespace MultiAgent.Runtime.Messaging.Serialization;

/// <summary>What the codec needs from generated grain code: methods to decode requests, proxies to rebuild references.</summary>
internal interface IWireMetadata
{
    bool TryGetMethod(string interfaceName, string methodId, out GrainMethodDescriptor method);

    /// <summary>The proxy factory of the grain interface with full name <paramref name="interfaceName"/>.</summary>
    bool TryGetProxyFactory(string interfaceName, out Func<IGrainReferenceRuntime, GrainId, GrainReference> createProxy);
}
