using System.Collections.Concurrent;
using System.Reflection;
using MultiAgent.Runtime.Invocation;

namespace MultiAgent.Runtime.Metadata;

/// <summary>
/// Everything generated code registered: grain interfaces with their proxies and methods, grain
/// classes with their grain types, and which class implements which interface.
/// </summary>
internal sealed class GrainTypeManifest : IGrainCodeRegistry
{
    private readonly Dictionary<Type, GrainInterfaceInfo> _interfaces = [];
    private readonly Dictionary<Type, GrainClassInfo> _classesByType = [];
    private readonly Dictionary<string, GrainClassInfo> _classesByGrainType = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Interface, string MethodId), GrainMethodDescriptor> _methods = [];
    private readonly ConcurrentDictionary<Type, GrainClassInfo> _implementations = new();
    private readonly HashSet<Assembly> _assemblies = [];
    private readonly Dictionary<string, List<string>> _implicitSubscribers = new(StringComparer.Ordinal);

    public GrainTypeManifest()
    {
        // Addressed to every grain: stream deliveries.
        AddSystemMethod(Streams.StreamDeliveryRequest.Descriptor);
    }

    public IReadOnlyCollection<GrainClassInfo> GrainClasses => _classesByType.Values;

    public IReadOnlyCollection<GrainInterfaceInfo> GrainInterfaces => _interfaces.Values;

    /// <summary>Registers the generated code of <paramref name="assembly"/>, once.</summary>
    public void AddAssembly(Assembly assembly)
    {
        if (!_assemblies.Add(assembly))
        {
            return;
        }

        foreach (var attribute in assembly.GetCustomAttributes<GrainCodeManifestAttribute>())
        {
            var manifest = (IGrainCodeManifest)Activator.CreateInstance(attribute.ManifestType)!;
            manifest.Populate(this);
        }
    }

    void IGrainCodeRegistry.AddGrainInterface(
        Type interfaceType,
        Func<IGrainReferenceRuntime, GrainId, GrainReference> createProxy,
        IReadOnlyList<GrainMethodDescriptor> methods)
    {
        _interfaces.TryAdd(interfaceType, new GrainInterfaceInfo(interfaceType, createProxy, methods));
        foreach (var method in methods)
        {
            _methods.TryAdd((method.InterfaceName, method.MethodId), method);
        }
    }

    void IGrainCodeRegistry.AddGrainClass(Type grainClass)
    {
        if (_classesByType.ContainsKey(grainClass))
        {
            return;
        }

        var info = new GrainClassInfo(grainClass);
        if (_classesByGrainType.TryGetValue(info.GrainType, out var existing))
        {
            throw new InvalidOperationException(
                $"Grain classes {existing.GrainClass.FullName} and {grainClass.FullName} both have grain type '{info.GrainType}'; " +
                "give one of them a distinct name with [GrainType(\"...\")].");
        }

        _classesByType.Add(grainClass, info);
        _classesByGrainType.Add(info.GrainType, info);
        foreach (var subscription in grainClass.GetCustomAttributes<MultiAgent.Runtime.Streams.ImplicitStreamSubscriptionAttribute>(inherit: true))
        {
            if (!_implicitSubscribers.TryGetValue(subscription.Namespace, out var grainTypes))
            {
                _implicitSubscribers[subscription.Namespace] = grainTypes = [];
            }

            grainTypes.Add(info.GrainType);
        }
    }

    /// <summary>Grain types implicitly subscribed to every stream of <paramref name="streamNamespace"/>.</summary>
    public IReadOnlyList<string> GetImplicitSubscribers(string streamNamespace) =>
        _implicitSubscribers.TryGetValue(streamNamespace, out var grainTypes) ? grainTypes : [];

    /// <summary>Stream namespaces some grain class subscribes to implicitly.</summary>
    public IReadOnlyCollection<string> ImplicitNamespaces => _implicitSubscribers.Keys;

    private void AddSystemMethod(GrainMethodDescriptor method) => _methods.TryAdd((method.InterfaceName, method.MethodId), method);

    public GrainInterfaceInfo GetInterface(Type interfaceType) =>
        _interfaces.TryGetValue(interfaceType, out var info)
            ? info
            : throw new ArgumentException(
                $"{interfaceType.FullName} is not a known grain interface: it must extend IGrainWithStringKey, IGrainWithGuidKey or " +
                "IGrainWithIntegerKey, and its assembly must be built with grain code generation (GrainCodeGen=true).");

    /// <summary>The one grain class implementing <paramref name="interfaceType"/>, or an error that says why there is none.</summary>
    public GrainClassInfo GetImplementation(Type interfaceType) =>
        _implementations.GetOrAdd(interfaceType, static (type, self) => self.FindImplementation(type), this);

    public bool TryGetGrainClass(string grainType, out GrainClassInfo info) =>
        _classesByGrainType.TryGetValue(grainType, out info!);

    public bool TryGetMethod(string interfaceName, string methodId, out GrainMethodDescriptor method) =>
        _methods.TryGetValue((interfaceName, methodId), out method!);

    private GrainClassInfo FindImplementation(Type interfaceType)
    {
        var candidates = _classesByType.Values.Where(c => interfaceType.IsAssignableFrom(c.GrainClass)).ToList();
        if (candidates.Count > 1)
        {
            // As Orleans: among several implementations, the class named like the interface (ICartGrain → CartGrain) is the primary one.
            var primaryName = interfaceType.Name.StartsWith('I') ? interfaceType.Name[1..] : interfaceType.Name;
            var primary = candidates.Where(c => c.GrainClass.Name == primaryName).ToList();
            if (primary.Count == 1)
            {
                return primary[0];
            }
        }

        return candidates.Count switch
        {
            1 => candidates[0],
            0 => throw new ArgumentException(
                $"No grain class implements {interfaceType.FullName}. Known grain classes: " +
                (_classesByType.Count == 0 ? "none" : string.Join(", ", _classesByType.Values.Select(c => c.GrainClass.Name))) + "."),
            _ => throw new ArgumentException(
                $"{interfaceType.FullName} is implemented by several grain classes ({string.Join(", ", candidates.Select(c => c.GrainClass.FullName))}); " +
                "name one of them after the interface (ICartGrain → CartGrain) or use a more specific interface."),
        };
    }
}
