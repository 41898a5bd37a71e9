using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using MultiAgent.Runtime.Invocation;

namespace MultiAgent.Runtime.Messaging.Serialization;

/// <summary>
/// Reads what <see cref="ArgumentWriter"/> wrote, from one contiguous frame. Every read checks the
/// bytes left first and every declared length is checked against them before anything is allocated,
/// so truncated or garbled input fails with a <see cref="MessageFormatException"/> and never over-reads,
/// over-allocates or loops. Cached per thread like the writer.
/// </summary>
internal sealed class ArgumentReader : IArgumentReader
{
    [ThreadStatic]
    private static ArgumentReader? t_cached;

    private byte[] _buffer = [];
    private int _start;
    private int _position;
    private int _end;
    private CodecContext _context = null!;

    private ArgumentReader()
    {
    }

    public CodecContext Context => _context;

    public int Remaining => _end - _position;

    /// <summary>Offset from the start of the frame, for error messages.</summary>
    public int Offset => _position - _start;

    public static ArgumentReader Rent(CodecContext context, ArraySegment<byte> frame)
    {
        var reader = t_cached ?? new ArgumentReader();
        t_cached = null;
        reader._context = context;
        reader._buffer = frame.Array!;
        reader._start = reader._position = frame.Offset;
        reader._end = frame.Offset + frame.Count;
        return reader;
    }

    public static void Return(ArgumentReader reader)
    {
        // Drop the frame: it may be a pooled buffer that is about to be reused.
        reader._buffer = [];
        reader._start = reader._position = reader._end = 0;
        reader._context = null!;
        t_cached = reader;
    }

    public T Read<T>() => Codec<T>.Instance.Read(this);

    public byte ReadByte()
    {
        if (_position >= _end)
        {
            ThrowTruncated(1);
        }

        return _buffer[_position++];
    }

    public ulong ReadVarUInt64()
    {
        var position = _position;
        if (position < _end && _buffer[position] < 0x80)
        {
            _position = position + 1;
            return _buffer[position];
        }

        return ReadVarUInt64Slow();
    }

    public long ReadVarInt64()
    {
        var raw = ReadVarUInt64();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    /// <summary>A zigzag varint that must fit in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public long ReadVarInt64(long min, long max, string what)
    {
        var value = ReadVarInt64();
        if (value < min || value > max)
        {
            ThrowFormat($"{what} {value} at offset {Offset} is out of range [{min}, {max}].");
        }

        return value;
    }

    /// <summary>An unsigned varint that must be at most <paramref name="max"/>.</summary>
    public ulong ReadVarUInt64(ulong max, string what)
    {
        var value = ReadVarUInt64();
        if (value > max)
        {
            ThrowFormat($"{what} {value} at offset {Offset} is out of range [0, {max}].");
        }

        return value;
    }

    public uint ReadFixed32() => BinaryPrimitives.ReadUInt32LittleEndian(ReadSpan(sizeof(uint)));

    public ulong ReadFixed64() => BinaryPrimitives.ReadUInt64LittleEndian(ReadSpan(sizeof(ulong)));

    /// <summary>The next <paramref name="length"/> bytes of the frame; valid until the reader is returned.</summary>
    public ReadOnlySpan<byte> ReadSpan(int length)
    {
        if ((uint)length > (uint)(_end - _position))
        {
            ThrowTruncated(length);
        }

        var span = new ReadOnlySpan<byte>(_buffer, _position, length);
        _position += length;
        return span;
    }

    public string? ReadString()
    {
        var length = ReadLengthPrefix();
        return length < 0 ? null : Decode(ReadSpan(length), intern: false);
    }

    /// <summary>A string that repeats across messages (names, grain types): shared through the context's cache.</summary>
    public string? ReadInternedString()
    {
        var length = ReadLengthPrefix();
        return length < 0 ? null : Decode(ReadSpan(length), intern: true);
    }

    public string ReadRequiredString(string what, bool intern)
    {
        var length = ReadLengthPrefix();
        if (length < 0)
        {
            ThrowFormat($"{what} at offset {Offset} is null.");
        }

        return Decode(ReadSpan(length), intern);
    }

    public byte[]? ReadByteArray()
    {
        var length = ReadLengthPrefix();
        return length < 0 ? null : ReadSpan(length).ToArray();
    }

    public GrainId ReadGrainId()
    {
        var type = ReadInternedString();
        if (type is null)
        {
            return default;
        }

        var key = ReadString();
        if (type.Length == 0 || string.IsNullOrEmpty(key))
        {
            ThrowFormat($"A grain id ending at offset {Offset} has an empty type or key.");
        }

        return new GrainId(type, key);
    }

    public T? ReadJson<T>()
    {
        var length = ReadLengthPrefix();
        if (length < 0)
        {
            return default;
        }

        var json = ReadSpan(length);
        try
        {
            return JsonSerializer.Deserialize<T>(json, _context.JsonOptions);
        }
        catch (Exception e) when (e is not MessageFormatException)
        {
            // Whatever the contract's converters or constructors throw, the bytes did not make a valid value.
            throw new MessageFormatException($"Cannot read a {typeof(T)} from its JSON ({length} bytes ending at offset {Offset}): {e.Message}", e);
        }
    }

    /// <summary>A frame must end where its content ends: trailing bytes mean a garbled or mis-framed message.</summary>
    public void EnsureEnd()
    {
        if (_position != _end)
        {
            ThrowFormat($"Garbled message: {_end - _position} unread byte(s) after the body at offset {Offset}.");
        }
    }

    /// <summary>Reads a length + 1 prefix: -1 for null, else a length that fits in what is left of the frame.</summary>
    private int ReadLengthPrefix()
    {
        var prefix = ReadVarUInt64();
        if (prefix == 0)
        {
            return -1;
        }

        var length = prefix - 1;
        if (length > (ulong)(_end - _position))
        {
            ThrowFormat($"Truncated or garbled message: a length of {length} bytes at offset {Offset} exceeds the {_end - _position} bytes left in the frame.");
        }

        return (int)length;
    }

    private string Decode(ReadOnlySpan<byte> utf8, bool intern)
    {
        if (utf8.IsEmpty)
        {
            return string.Empty;
        }

        try
        {
            return intern ? _context.Strings.GetOrAdd(utf8, CodecContext.StrictUtf8) : CodecContext.StrictUtf8.GetString(utf8);
        }
        catch (ArgumentException e)
        {
            // DecoderFallbackException derives from ArgumentException.
            throw new MessageFormatException($"A string ending at offset {Offset} is not valid UTF-8.", e);
        }
    }

    private ulong ReadVarUInt64Slow()
    {
        ulong result = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = ReadByte();
            if (shift == 63 && b > 1)
            {
                ThrowFormat($"A varint ending at offset {Offset} overflows 64 bits.");
            }

            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }
    }

    [DoesNotReturn]
    public void ThrowFormat(string message) => throw new MessageFormatException(message);

    [DoesNotReturn]
    private void ThrowTruncated(int needed) => throw new MessageFormatException(
        $"Truncated message: {needed} more byte(s) needed at offset {Offset}, but the frame ends at offset {_end - _start}.");
}
