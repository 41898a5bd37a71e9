using System.Collections.Concurrent;

namespace MultiAgent.Runtime.Messaging.Serialization;

/// <summary>
/// A non-generic entry to <see cref="Codec{T}"/> for values typed only at run time (results typed by
/// <c>GrainMethodDescriptor.ResultType</c>). Built by reflection once per type, then a dictionary hit.
/// </summary>
internal abstract class BoxedCodec
{
    private static readonly ConcurrentDictionary<Type, BoxedCodec> Codecs = new();

    public abstract Type Type { get; }

    public static BoxedCodec For(Type type) =>
        Codecs.TryGetValue(type, out var codec) ? codec : Codecs.GetOrAdd(type, Create);

    public abstract void Write(ArgumentWriter writer, object? value);

    public abstract object? Read(ArgumentReader reader);

    private static BoxedCodec Create(Type type) =>
        (BoxedCodec)Activator.CreateInstance(typeof(BoxedCodec<>).MakeGenericType(type))!;
}

internal sealed class BoxedCodec<T> : BoxedCodec
{
    public override Type Type => typeof(T);

    public override void Write(ArgumentWriter writer, object? value)
    {
        // Null stands for the default of a value type (e.g. a VoidResult nobody boxed).
        var typed = value switch
        {
            T t => t,
            null => default!,
            _ => throw new ArgumentException($"A {value.GetType().FullName} cannot be written as a {typeof(T).FullName}.", nameof(value)),
        };
        Codec<T>.Instance.Write(writer, typed);
    }

    public override object? Read(ArgumentReader reader) => Codec<T>.Instance.Read(reader);
}
