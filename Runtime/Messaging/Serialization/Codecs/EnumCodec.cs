using System.Runtime.CompilerServices;

namespace MultiAgent.Runtime.Messaging.Serialization;

/// <summary>
/// An enum as its underlying integer (zigzag varint). The size and signedness are static per enum,
/// so the JIT folds the switches and no boxing or <see cref="Convert"/> call happens per value.
/// </summary>
internal sealed class EnumCodec<TEnum> : ICodec<TEnum>
    where TEnum : struct, Enum
{
    private static readonly bool Signed = Type.GetTypeCode(typeof(TEnum)) is TypeCode.SByte or TypeCode.Int16 or TypeCode.Int32 or TypeCode.Int64;
    private static readonly string What = "A " + typeof(TEnum).Name;

    public void Write(ArgumentWriter writer, TEnum value)
    {
        long raw = Unsafe.SizeOf<TEnum>() switch
        {
            1 => Signed ? Unsafe.As<TEnum, sbyte>(ref value) : Unsafe.As<TEnum, byte>(ref value),
            2 => Signed ? Unsafe.As<TEnum, short>(ref value) : Unsafe.As<TEnum, ushort>(ref value),
            4 => Signed ? Unsafe.As<TEnum, int>(ref value) : Unsafe.As<TEnum, uint>(ref value),
            _ => Unsafe.As<TEnum, long>(ref value), // ulong enums keep their bits through the zigzag round trip
        };
        writer.WriteVarInt64(raw);
    }

    public TEnum Read(ArgumentReader reader)
    {
        switch (Unsafe.SizeOf<TEnum>())
        {
            case 1:
                var b = (byte)ReadInRange(reader, sbyte.MinValue, sbyte.MaxValue, byte.MaxValue);
                return Unsafe.As<byte, TEnum>(ref b);
            case 2:
                var s = (ushort)ReadInRange(reader, short.MinValue, short.MaxValue, ushort.MaxValue);
                return Unsafe.As<ushort, TEnum>(ref s);
            case 4:
                var i = (uint)ReadInRange(reader, int.MinValue, int.MaxValue, uint.MaxValue);
                return Unsafe.As<uint, TEnum>(ref i);
            default:
                var l = reader.ReadVarInt64();
                return Unsafe.As<long, TEnum>(ref l);
        }
    }

    private static long ReadInRange(ArgumentReader reader, long signedMin, long signedMax, long unsignedMax) => Signed
        ? reader.ReadVarInt64(signedMin, signedMax, What)
        : reader.ReadVarInt64(0, unsignedMax, What);
}
