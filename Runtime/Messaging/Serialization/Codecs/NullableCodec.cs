namespace MultiAgent.Runtime.Messaging.Serialization;

/// <summary>A presence byte, then the value with its own codec.</summary>
internal sealed class NullableCodec<T> : ICodec<T?>
    where T : struct
{
    public void Write(ArgumentWriter writer, T? value)
    {
        if (value is { } present)
        {
            writer.WriteByte(1);
            Codec<T>.Instance.Write(writer, present);
        }
        else
        {
            writer.WriteByte(0);
        }
    }

    public T? Read(ArgumentReader reader) => reader.ReadByte() switch
    {
        0 => null,
        1 => Codec<T>.Instance.Read(reader),
        var other => throw new MessageFormatException($"A {typeof(T).Name}? at offset {reader.Offset - 1} has presence byte {other}; expected 0 or 1."),
    };
}
