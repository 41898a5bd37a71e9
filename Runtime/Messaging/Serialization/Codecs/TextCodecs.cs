namespace MultiAgent.Runtime.Messaging.Serialization;

internal sealed class StringCodec : ICodec<string?>
{
    public void Write(ArgumentWriter writer, string? value) => writer.WriteString(value);

    public string? Read(ArgumentReader reader) => reader.ReadString();
}

internal sealed class ByteArrayCodec : ICodec<byte[]?>
{
    public void Write(ArgumentWriter writer, byte[]? value) => writer.WriteByteArray(value);

    public byte[]? Read(ArgumentReader reader) => reader.ReadByteArray();
}

internal sealed class GuidCodec : ICodec<Guid>
{
    private const int Size = 16;

    public void Write(ArgumentWriter writer, Guid value)
    {
        Span<byte> bytes = stackalloc byte[Size];
        value.TryWriteBytes(bytes);
        writer.WriteRaw(bytes);
    }

    public Guid Read(ArgumentReader reader) => new(reader.ReadSpan(Size));
}
