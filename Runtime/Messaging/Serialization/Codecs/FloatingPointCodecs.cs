namespace MultiAgent.Runtime.Messaging.Serialization;

// Fixed little-endian bits: exact (NaN payloads, -0.0 included) and no varint gain on mantissas.

internal sealed class SingleCodec : ICodec<float>
{
    public void Write(ArgumentWriter writer, float value) => writer.WriteFixed32(BitConverter.SingleToUInt32Bits(value));

    public float Read(ArgumentReader reader) => BitConverter.UInt32BitsToSingle(reader.ReadFixed32());
}

internal sealed class DoubleCodec : ICodec<double>
{
    public void Write(ArgumentWriter writer, double value) => writer.WriteFixed64(BitConverter.DoubleToUInt64Bits(value));

    public double Read(ArgumentReader reader) => BitConverter.UInt64BitsToDouble(reader.ReadFixed64());
}

/// <summary>The four 32-bit parts of <see cref="decimal.GetBits(decimal)"/>: exact, scale and trailing zeros kept.</summary>
internal sealed class DecimalCodec : ICodec<decimal>
{
    // Bits 0-15 and 24-30 of the flags word must be zero; 16-23 hold the scale (at most 28), 31 the sign.
    private const int InvalidFlagBits = 0x7F00FFFF;
    private const int MaxScale = 28;

    public void Write(ArgumentWriter writer, decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        writer.WriteFixed32((uint)bits[0]);
        writer.WriteFixed32((uint)bits[1]);
        writer.WriteFixed32((uint)bits[2]);
        writer.WriteFixed32((uint)bits[3]);
    }

    public decimal Read(ArgumentReader reader)
    {
        var lo = (int)reader.ReadFixed32();
        var mid = (int)reader.ReadFixed32();
        var hi = (int)reader.ReadFixed32();
        var flags = (int)reader.ReadFixed32();
        var scale = (flags >> 16) & 0xFF;
        if ((flags & InvalidFlagBits) != 0 || scale > MaxScale)
        {
            reader.ThrowFormat($"A decimal ending at offset {reader.Offset} has invalid flags 0x{flags:X8}.");
        }

        return new decimal(lo, mid, hi, isNegative: flags < 0, (byte)scale);
    }
}
