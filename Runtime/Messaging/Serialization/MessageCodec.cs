using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using MultiAgent.Runtime.Invocation;
using MultiAgent.Runtime.Metadata;

namespace MultiAgent.Runtime.Messaging.Serialization;

/// <summary>
/// Turns a <see cref="WireMessage"/> into one frame's payload and back (framing is the connection's).
/// The layout is in <see cref="WireFormat"/>. Thread-safe; one per silo or client, as it binds grain
/// references that arrive to that process's runtime.
/// </summary>
internal sealed class MessageCodec
{
    private readonly CodecContext _context;

    /// <param name="metadata">Resolves methods and proxies by name.</param>
    /// <param name="runtime">The runtime grain references read off the wire are bound to; resolved on first use, as it usually depends on the codec.</param>
    /// <param name="jsonOptions">Base System.Text.Json options for contracts (e.g. a source-generated resolver); tolerant defaults when null.</param>
    public MessageCodec(IWireMetadata metadata, Func<IGrainReferenceRuntime>? runtime = null, JsonSerializerOptions? jsonOptions = null)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        _context = new CodecContext(metadata, new GrainReferenceBinder(metadata, runtime), jsonOptions);
    }

    public MessageCodec(GrainTypeManifest manifest, IGrainReferenceRuntime? runtime = null, JsonSerializerOptions? jsonOptions = null)
        : this(new ManifestWireMetadata(manifest), runtime is null ? null : () => runtime, jsonOptions)
    {
    }

    internal CodecContext Context => _context;

    /// <summary>
    /// Appends <paramref name="message"/> to <paramref name="output"/>. If it throws (an argument that cannot be
    /// serialized), part of the message may already be written: write each message to its own frame buffer.
    /// </summary>
    public void Write(WireMessage message, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(output);
        var writer = ArgumentWriter.Rent(output, _context);
        try
        {
            MessageWriter.Write(writer, message);
        }
        finally
        {
            ArgumentWriter.Return(writer);
        }
    }

    /// <summary>
    /// Decodes one frame's payload. Throws <see cref="MessageFormatException"/> (or its <see cref="UnknownMethodException"/>)
    /// for anything that is not a valid message, carrying the header fields read so far.
    /// </summary>
    public WireMessage Read(ReadOnlySequence<byte> frame) => Decode(frame, static reader => MessageReader.Read(reader));

    /// <summary>One value with its type's codec, outside any message (state snapshots, tests).</summary>
    public void WriteValue<T>(T value, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var writer = ArgumentWriter.Rent(output, _context);
        try
        {
            writer.Write(value);
        }
        finally
        {
            ArgumentWriter.Return(writer);
        }
    }

    public T ReadValue<T>(ReadOnlySequence<byte> data) => Decode(data, static reader =>
    {
        var value = reader.Read<T>();
        reader.EnsureEnd();
        return value;
    });

    private TResult Decode<TResult>(ReadOnlySequence<byte> frame, Func<ArgumentReader, TResult> read)
    {
        byte[]? rented = null;
        if (!frame.IsSingleSegment || !MemoryMarshal.TryGetArray(frame.First, out var segment))
        {
            // A frame split across pipe segments (or in native memory) is copied once so reads see one span.
            if (frame.Length > Array.MaxLength)
            {
                throw new MessageFormatException($"A frame of {frame.Length} bytes is larger than any message.");
            }

            rented = ArrayPool<byte>.Shared.Rent((int)frame.Length);
            frame.CopyTo(rented);
            segment = new ArraySegment<byte>(rented, 0, (int)frame.Length);
        }

        var reader = ArgumentReader.Rent(_context, segment);
        try
        {
            return read(reader);
        }
        finally
        {
            ArgumentReader.Return(reader);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
