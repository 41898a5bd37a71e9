using System.Buffers.Binary;

namespace MultiAgent.Tests.Messaging.Transport;

/// <summary>Hand-made wire bytes, for peers that do not use the transport.</summary>
internal static class RawFrames
{
    public static byte[] Header(int announcedLength)
    {
        var header = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(header, announcedLength);
        return header;
    }

    public static byte[] Frame(byte[] payload) => [.. Header(payload.Length), .. payload];

    public static byte[] Frame(string text) => Frame(Text.Bytes(text));
}
