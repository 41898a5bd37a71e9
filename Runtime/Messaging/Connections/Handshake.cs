using System.Buffers;
using System.Text;

namespace MultiAgent.Runtime.Messaging.Connections;

internal enum PeerKind : byte
{
    Silo = 1,
    Client = 2,
}

/// <summary>
/// The first frame on every connection: who is calling and for which cluster. A gateway answers a
/// client's handshake with a <see cref="GatewayWelcome"/> frame; silos need no answer.
/// Layout: "MAH1", kind byte, then length-prefixed UTF-8 cluster id and sender id.
/// </summary>
internal sealed record Handshake(PeerKind Kind, string ClusterId, string SenderId)
{
    private static readonly byte[] Magic = "MAH1"u8.ToArray();

    public byte[] ToFrame()
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream, Encoding.UTF8);
        writer.Write(Magic);
        writer.Write((byte)Kind);
        writer.Write(ClusterId);
        writer.Write(SenderId);
        writer.Flush();
        return stream.ToArray();
    }

    /// <summary>Parses a handshake frame; a <see cref="FormatException"/> says what is wrong with it.</summary>
    public static Handshake Parse(ReadOnlySequence<byte> frame)
    {
        if (frame.Length > 4096)
        {
            throw new FormatException($"A handshake frame of {frame.Length} bytes is too long.");
        }

        using var reader = new BinaryReader(new MemoryStream(frame.ToArray()), Encoding.UTF8);
        try
        {
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
            {
                throw new FormatException("The first frame is not a MultiAgent handshake.");
            }

            var kind = (PeerKind)reader.ReadByte();
            if (kind is not (PeerKind.Silo or PeerKind.Client))
            {
                throw new FormatException($"Unknown peer kind {(byte)kind} in the handshake.");
            }

            return new Handshake(kind, reader.ReadString(), reader.ReadString());
        }
        catch (EndOfStreamException)
        {
            throw new FormatException("The handshake frame is truncated.");
        }
    }
}

/// <summary>
/// A gateway's answer to a client: the silo that answered, and which grain type implements each grain
/// interface (a client knows interfaces, not grain classes). Layout: "MAW1", silo address, count, pairs.
/// </summary>
internal sealed record GatewayWelcome(string SiloAddress, IReadOnlyDictionary<string, string> GrainTypesByInterface)
{
    private static readonly byte[] Magic = "MAW1"u8.ToArray();

    public byte[] ToFrame()
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream, Encoding.UTF8);
        writer.Write(Magic);
        writer.Write(SiloAddress);
        writer.Write(GrainTypesByInterface.Count);
        foreach (var (interfaceName, grainType) in GrainTypesByInterface)
        {
            writer.Write(interfaceName);
            writer.Write(grainType);
        }

        writer.Flush();
        return stream.ToArray();
    }

    public static bool IsWelcome(ReadOnlySequence<byte> frame)
    {
        Span<byte> head = stackalloc byte[4];
        if (frame.Length < head.Length)
        {
            return false;
        }

        frame.Slice(0, head.Length).CopyTo(head);
        return head.SequenceEqual(Magic);
    }

    public static GatewayWelcome Parse(ReadOnlySequence<byte> frame)
    {
        using var reader = new BinaryReader(new MemoryStream(frame.ToArray()), Encoding.UTF8);
        try
        {
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
            {
                throw new FormatException("The frame is not a gateway welcome.");
            }

            var silo = reader.ReadString();
            var count = reader.ReadInt32();
            if (count is < 0 or > 100_000)
            {
                throw new FormatException($"A gateway welcome cannot list {count} grain interfaces.");
            }

            var map = new Dictionary<string, string>(count, StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                map[reader.ReadString()] = reader.ReadString();
            }

            return new GatewayWelcome(silo, map);
        }
        catch (EndOfStreamException)
        {
            throw new FormatException("The gateway welcome is truncated.");
        }
    }
}
