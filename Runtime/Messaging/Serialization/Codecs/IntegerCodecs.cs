namespace MultiAgent.Runtime.Messaging.Serialization;

// Integers are varints (zigzag when signed): ids, counts and small values take one or two bytes.

internal sealed class BooleanCodec : ICodec<bool>
{
    public void Write(ArgumentWriter writer, bool value) => writer.WriteByte(value ? (byte)1 : (byte)0);

    public bool Read(ArgumentReader reader) => reader.ReadByte() switch
    {
        0 => false,
        1 => true,
        var other => throw new MessageFormatException($"A bool at offset {reader.Offset - 1} has value {other}; expected 0 or 1."),
    };
}

internal sealed class ByteCodec : ICodec<byte>
{
    public void Write(ArgumentWriter writer, byte value) => writer.WriteByte(value);

    public byte Read(ArgumentReader reader) => reader.ReadByte();
}

internal sealed class SByteCodec : ICodec<sbyte>
{
    public void Write(ArgumentWriter writer, sbyte value) => writer.WriteByte((byte)value);

    public sbyte Read(ArgumentReader reader) => (sbyte)reader.ReadByte();
}

internal sealed class Int16Codec : ICodec<short>
{
    public void Write(ArgumentWriter writer, short value) => writer.WriteVarInt64(value);

    public short Read(ArgumentReader reader) => (short)reader.ReadVarInt64(short.MinValue, short.MaxValue, "An Int16");
}

internal sealed class UInt16Codec : ICodec<ushort>
{
    public void Write(ArgumentWriter writer, ushort value) => writer.WriteVarUInt64(value);

    public ushort Read(ArgumentReader reader) => (ushort)reader.ReadVarUInt64(ushort.MaxValue, "A UInt16");
}

internal sealed class CharCodec : ICodec<char>
{
    public void Write(ArgumentWriter writer, char value) => writer.WriteVarUInt64(value);

    public char Read(ArgumentReader reader) => (char)reader.ReadVarUInt64(char.MaxValue, "A Char");
}

internal sealed class Int32Codec : ICodec<int>
{
    public void Write(ArgumentWriter writer, int value) => writer.WriteVarInt64(value);

    public int Read(ArgumentReader reader) => (int)reader.ReadVarInt64(int.MinValue, int.MaxValue, "An Int32");
}

internal sealed class UInt32Codec : ICodec<uint>
{
    public void Write(ArgumentWriter writer, uint value) => writer.WriteVarUInt64(value);

    public uint Read(ArgumentReader reader) => (uint)reader.ReadVarUInt64(uint.MaxValue, "A UInt32");
}

internal sealed class Int64Codec : ICodec<long>
{
    public void Write(ArgumentWriter writer, long value) => writer.WriteVarInt64(value);

    public long Read(ArgumentReader reader) => reader.ReadVarInt64();
}

internal sealed class UInt64Codec : ICodec<ulong>
{
    public void Write(ArgumentWriter writer, ulong value) => writer.WriteVarUInt64(value);

    public ulong Read(ArgumentReader reader) => reader.ReadVarUInt64();
}
