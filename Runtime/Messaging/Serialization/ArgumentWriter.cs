using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MultiAgent.Runtime.Invocation;

namespace MultiAgent.Runtime.Messaging.Serialization;

/// <summary>
/// Writes request arguments, results and envelope fields straight into the output
/// <see cref="IBufferWriter{T}"/>: varints for integers and lengths, UTF-8 for text, JSON for contracts.
/// Instances are cached per thread (writing is synchronous), so a message costs no writer allocation.
/// </summary>
internal sealed class ArgumentWriter : IArgumentWriter
{
    private const int MaxVarIntLength = 10;

    /// <summary>Strings this short encode to at most 126 bytes, so their length prefix is one byte and known up front.</summary>
    private const int ShortStringChars = 42;

    /// <summary>A scratch buffer grown past this is dropped after use rather than kept per thread.</summary>
    private const int MaxRetainedJsonBuffer = 64 * 1024;

    // Not HTML: no need to escape <, >, & or non-ASCII, which keeps contract JSON compact.
    private static readonly JsonWriterOptions JsonWriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    [ThreadStatic]
    private static ArgumentWriter? t_cached;

    private IBufferWriter<byte> _output = null!;
    private CodecContext _context = null!;
    private PooledBufferWriter? _jsonBuffer;
    private Utf8JsonWriter? _jsonWriter;

    private ArgumentWriter()
    {
    }

    public CodecContext Context => _context;

    /// <summary>Takes this thread's writer (or a new one when it is in use) and points it at <paramref name="output"/>.</summary>
    public static ArgumentWriter Rent(IBufferWriter<byte> output, CodecContext context)
    {
        var writer = t_cached ?? new ArgumentWriter();
        t_cached = null;
        writer._output = output;
        writer._context = context;
        return writer;
    }

    public static void Return(ArgumentWriter writer)
    {
        writer._output = null!;
        writer._context = null!;
        if (writer._jsonBuffer is { Capacity: > MaxRetainedJsonBuffer })
        {
            writer._jsonBuffer.Dispose();
            writer._jsonBuffer = null;
            writer._jsonWriter = null;
        }

        t_cached = writer;
    }

    public void Write<T>(T value) => Codec<T>.Instance.Write(this, value);

    public void WriteByte(byte value)
    {
        var span = _output.GetSpan(1);
        span[0] = value;
        _output.Advance(1);
    }

    public void WriteVarUInt64(ulong value)
    {
        var span = _output.GetSpan(MaxVarIntLength);
        var count = 0;
        while (value >= 0x80)
        {
            span[count++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[count++] = (byte)value;
        _output.Advance(count);
    }

    /// <summary>ZigZag, so small negative numbers stay short.</summary>
    public void WriteVarInt64(long value) => WriteVarUInt64((ulong)((value << 1) ^ (value >> 63)));

    public void WriteFixed32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_output.GetSpan(sizeof(uint)), value);
        _output.Advance(sizeof(uint));
    }

    public void WriteFixed64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_output.GetSpan(sizeof(ulong)), value);
        _output.Advance(sizeof(ulong));
    }

    /// <summary>Raw bytes, no prefix.</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        bytes.CopyTo(_output.GetSpan(bytes.Length));
        _output.Advance(bytes.Length);
    }

    /// <summary>Length + 1 as a varint (0 = null), then UTF-8. Lone surrogates become U+FFFD, as <see cref="Encoding.UTF8"/> does.</summary>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteByte(0);
            return;
        }

        if (value.Length <= ShortStringChars)
        {
            var span = _output.GetSpan(1 + (value.Length * 3));
            var count = Encoding.UTF8.GetBytes(value, span[1..]);
            span[0] = (byte)(count + 1);
            _output.Advance(count + 1);
            return;
        }

        var byteCount = Encoding.UTF8.GetByteCount(value);
        WriteVarUInt64((ulong)byteCount + 1);
        var written = Encoding.UTF8.GetBytes(value, _output.GetSpan(byteCount));
        _output.Advance(written);
    }

    /// <summary>Length + 1 as a varint (0 = null), then the bytes.</summary>
    public void WriteByteArray(byte[]? value)
    {
        if (value is null)
        {
            WriteByte(0);
            return;
        }

        WriteVarUInt64((ulong)value.Length + 1);
        WriteRaw(value);
    }

    /// <summary>Type then key; the default (empty) id is a single null type.</summary>
    public void WriteGrainId(GrainId value)
    {
        WriteString(value.Type);
        if (!value.IsDefault)
        {
            WriteString(value.Key);
        }
    }

    /// <summary>Length + 1 as a varint (0 = null), then the value as System.Text.Json UTF-8.</summary>
    public void WriteJson<T>(T value)
    {
        if (value is null)
        {
            WriteByte(0);
            return;
        }

        var buffer = _jsonBuffer ??= new PooledBufferWriter();
        buffer.Clear();
        var json = _jsonWriter ??= new Utf8JsonWriter(buffer, JsonWriterOptions);
        json.Reset(buffer);
        JsonSerializer.Serialize(json, value, _context.JsonOptions);
        json.Flush();

        WriteVarUInt64((ulong)buffer.WrittenCount + 1);
        WriteRaw(buffer.WrittenSpan);
        buffer.Clear();
    }
}
