using MultiAgent.Runtime.Invocation;
using MultiAgent.Runtime.Messaging.Connections;

namespace MultiAgent.Runtime.Client;

/// <summary>Grain types as the cluster's gateways announced them (a client has grain interfaces, not grain classes).</summary>
internal sealed class ClientGrainTypeResolver(string clusterId) : IGrainTypeResolver
{
    private IReadOnlyDictionary<string, string>? _grainTypes;

    public void Update(GatewayWelcome welcome) => Volatile.Write(ref _grainTypes, welcome.GrainTypesByInterface);

    public string GetGrainType(Type interfaceType)
    {
        var map = Volatile.Read(ref _grainTypes)
            ?? throw new InvalidOperationException("The cluster client is not connected; call ConnectAsync (or start its host) first.");
        return map.TryGetValue(interfaceType.FullName!, out var grainType)
            ? grainType
            : throw new ArgumentException($"No grain class in cluster '{clusterId}' implements {interfaceType.FullName}.");
    }

    public bool Implements(string grainType, Type interfaceType) =>
        Volatile.Read(ref _grainTypes) is { } map && map.TryGetValue(interfaceType.FullName!, out var type) && type == grainType;
}
