using MultiAgent.Runtime.Invocation;

namespace MultiAgent.Runtime.Messaging.Serialization;

/// <summary>
/// A grain reference as its grain id and the full name of the interface it was made for; read back as
/// that interface's proxy bound to the receiving process's runtime. Null is the empty grain id.
/// </summary>
internal sealed class GrainReferenceCodec<T> : ICodec<T?>
    where T : class
{
    public void Write(ArgumentWriter writer, T? value)
    {
        if (value is null)
        {
            writer.WriteGrainId(default);
            return;
        }

        var (grainId, interfaceName) = Describe(value);
        writer.WriteGrainId(grainId);
        writer.WriteString(interfaceName);
    }

    public T? Read(ArgumentReader reader)
    {
        var grainId = reader.ReadGrainId();
        if (grainId.IsDefault)
        {
            return null;
        }

        var interfaceName = reader.ReadRequiredString("A grain reference's interface name", intern: true);
        return Bind(reader.Context.References, grainId, interfaceName);
    }

    /// <summary>The grain id and interface of a reference, or of a grain passed as itself.</summary>
    public static (GrainId GrainId, string InterfaceName) Describe(T value) => value switch
    {
        GrainReference reference => (reference.GrainId, InterfaceName(reference.InterfaceType)),
        Grain grain when typeof(T).IsInterface && !IsMarker(typeof(T)) => (grain.GrainId, InterfaceName(typeof(T))),
        _ => throw new ArgumentException(
            $"A {value.GetType().Name} cannot be sent as a {typeof(T).Name}: send a grain reference (grain.AsReference<IMyGrain>()) instead."),
    };

    public static T Bind(GrainReferenceBinder binder, GrainId grainId, string interfaceName)
    {
        var reference = binder.Bind(grainId, interfaceName);
        return reference as T ?? throw new MessageFormatException(
            $"The grain reference {grainId} ({interfaceName}) is not a {typeof(T).FullName}.");
    }

    private static string InterfaceName(Type interfaceType) => interfaceType.FullName ?? interfaceType.Name;

    // The markers have no proxies; a grain sent as IGrain cannot say which interface to rebuild.
    private static bool IsMarker(Type type) =>
        type == typeof(IAddressable) || type == typeof(IGrain) || type == typeof(IGrainWithStringKey)
        || type == typeof(IGrainWithGuidKey) || type == typeof(IGrainWithIntegerKey);
}
