using MultiAgent.Runtime.Invocation;

namespace MultiAgent.Runtime.Messaging.Serialization;

/// <summary>
/// Picks the wire form of a type, once per type: compact binary for primitives, ids and grain
/// references; System.Text.Json for everything else (records, classes, collections).
/// </summary>
internal static class CodecFactory
{
    private static readonly Dictionary<Type, object> Primitives = new()
    {
        [typeof(bool)] = new BooleanCodec(),
        [typeof(byte)] = new ByteCodec(),
        [typeof(sbyte)] = new SByteCodec(),
        [typeof(short)] = new Int16Codec(),
        [typeof(ushort)] = new UInt16Codec(),
        [typeof(int)] = new Int32Codec(),
        [typeof(uint)] = new UInt32Codec(),
        [typeof(long)] = new Int64Codec(),
        [typeof(ulong)] = new UInt64Codec(),
        [typeof(char)] = new CharCodec(),
        [typeof(float)] = new SingleCodec(),
        [typeof(double)] = new DoubleCodec(),
        [typeof(decimal)] = new DecimalCodec(),
        [typeof(string)] = new StringCodec(),
        [typeof(byte[])] = new ByteArrayCodec(),
        [typeof(Guid)] = new GuidCodec(),
        [typeof(DateTime)] = new DateTimeCodec(),
        [typeof(DateTimeOffset)] = new DateTimeOffsetCodec(),
        [typeof(TimeSpan)] = new TimeSpanCodec(),
        [typeof(DateOnly)] = new DateOnlyCodec(),
        [typeof(TimeOnly)] = new TimeOnlyCodec(),
        [typeof(GrainId)] = new GrainIdCodec(),
        [typeof(VoidResult)] = new VoidResultCodec(),
        [typeof(CancellationToken)] = new CancellationTokenCodec(),
    };

    public static ICodec<T> Create<T>()
    {
        var type = typeof(T);
        if (Primitives.TryGetValue(type, out var primitive))
        {
            return (ICodec<T>)primitive;
        }

        if (type.IsEnum)
        {
            return Make<T>(typeof(EnumCodec<>), type);
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Make<T>(typeof(NullableCodec<>), underlying);
        }

        if (IsGrainReferenceType(type))
        {
            return Make<T>(typeof(GrainReferenceCodec<>), type);
        }

        return new JsonCodec<T>();
    }

    /// <summary>Grain interfaces (and the <see cref="IAddressable"/> markers) and <see cref="GrainReference"/>: sent as id + interface.</summary>
    public static bool IsGrainReferenceType(Type type) =>
        typeof(GrainReference).IsAssignableFrom(type) || (type.IsInterface && typeof(IAddressable).IsAssignableFrom(type));

    private static ICodec<T> Make<T>(Type genericCodec, Type argument) =>
        (ICodec<T>)Activator.CreateInstance(genericCodec.MakeGenericType(argument))!;
}
