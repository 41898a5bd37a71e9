using System.Buffers;
using System.Buffers.Binary;

namespace MultiAgent.Runtime.Messaging.Transport;

/// <summary>The wire format: a 4-byte little-endian payload length, then the payload.</summary>
internal static class FrameCodec
{
    public const int HeaderSize = sizeof(int);

    public static void WriteHeader(Span<byte> destination, int payloadLength) =>
        BinaryPrimitives.WriteInt32LittleEndian(destination, payloadLength);

    /// <summary>
    /// Takes one complete frame off the front of <paramref name="buffer"/>. On <see cref="FrameReadStatus.Incomplete"/>
    /// the buffer is untouched; on <see cref="FrameReadStatus.Malformed"/> <paramref name="announcedLength"/> is the bad length.
    /// </summary>
    public static FrameReadStatus TryReadFrame(
        ref ReadOnlySequence<byte> buffer,
        int maxFrameSize,
        out ReadOnlySequence<byte> payload,
        out int announcedLength)
    {
        payload = default;
        if (!TryPeekLength(buffer, out announcedLength))
        {
            return FrameReadStatus.Incomplete;
        }

        // Negative lengths are garbage too; checked before any arithmetic so nothing overflows.
        if (announcedLength < 0 || announcedLength > maxFrameSize)
        {
            return FrameReadStatus.Malformed;
        }

        if (buffer.Length - HeaderSize < announcedLength)
        {
            return FrameReadStatus.Incomplete;
        }

        payload = buffer.Slice(HeaderSize, announcedLength);
        buffer = buffer.Slice(payload.End);
        return FrameReadStatus.Frame;
    }

    /// <summary>Reads the length of the frame at the front of <paramref name="buffer"/>, if its header has arrived.</summary>
    public static bool TryPeekLength(in ReadOnlySequence<byte> buffer, out int length)
    {
        var first = buffer.FirstSpan;
        if (first.Length >= HeaderSize)
        {
            length = BinaryPrimitives.ReadInt32LittleEndian(first);
            return true;
        }

        if (buffer.Length < HeaderSize)
        {
            length = 0;
            return false;
        }

        // The header straddles a segment boundary: rare, so the copy does not matter.
        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        length = BinaryPrimitives.ReadInt32LittleEndian(header);
        return true;
    }
}

internal enum FrameReadStatus
{
    Incomplete,
    Frame,
    Malformed,
}
