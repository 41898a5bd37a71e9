using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using MultiAgent.Runtime;
using MultiAgent.Runtime.Membership;
using MultiAgent.Runtime.Messaging.Connections;

namespace MultiAgent.Tests.Cluster;

/// <summary>
/// A hand-driven TCP connection to a silo's silo-to-silo port: sends whatever frames a test makes (a
/// handshake, garbage, hand-encoded requests) and reads the frames that come back.
/// </summary>
internal sealed class RawSiloConnection : IDisposable
{
    private readonly TcpClient _tcp = new() { NoDelay = true };
    private NetworkStream? _stream;

    private NetworkStream Stream => _stream ?? throw new InvalidOperationException("Not connected.");

    public static async Task<RawSiloConnection> ConnectAsync(string siloAddress, string clusterId)
    {
        var address = SiloAddress.Parse(siloAddress);
        var connection = new RawSiloConnection();
        await connection._tcp.ConnectAsync(address.Host, address.Port);
        connection._stream = connection._tcp.GetStream();
        await connection.SendFrameAsync(new Handshake(PeerKind.Silo, clusterId, "raw-test-peer").ToFrame());
        return connection;
    }

    /// <summary>A 4-byte little-endian length, then the payload.</summary>
    public async Task SendFrameAsync(byte[] payload)
    {
        var frame = new byte[4 + payload.Length];
        BinaryPrimitives.WriteInt32LittleEndian(frame, payload.Length);
        payload.CopyTo(frame, 4);
        await Stream.WriteAsync(frame);
    }

    /// <summary>Raw bytes with no framing of their own (e.g. a header announcing an impossible length).</summary>
    public async Task SendBytesAsync(byte[] bytes) => await Stream.WriteAsync(bytes);

    /// <summary>The next frame's payload; null when the silo closed the connection.</summary>
    public async Task<ReadOnlySequence<byte>?> ReadFrameAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var header = new byte[4];
        if (!await ReadExactlyAsync(header, deadline.Token))
        {
            return null;
        }

        var payload = new byte[BinaryPrimitives.ReadInt32LittleEndian(header)];
        return await ReadExactlyAsync(payload, deadline.Token) ? new ReadOnlySequence<byte>(payload) : null;
    }

    private async Task<bool> ReadExactlyAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        try
        {
            await Stream.ReadExactlyAsync(buffer, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is EndOfStreamException or IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// A request with no arguments, encoded by hand in the wire layout (version 1, no optional header fields),
    /// so a test can name methods that do not exist.
    /// </summary>
    public static byte[] Request(long id, GrainId target, string interfaceName, string methodId)
    {
        var bytes = new List<byte> { 1, 0 }; // version, flags: a request without deadline, caller or trace
        WriteVarUInt(bytes, (ulong)id);
        WriteString(bytes, target.Type);
        WriteString(bytes, target.Key);
        WriteString(bytes, interfaceName);
        WriteString(bytes, methodId);
        return [.. bytes];
    }

    private static void WriteString(List<byte> bytes, string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        WriteVarUInt(bytes, (ulong)utf8.Length + 1); // length + 1; 0 would be null
        bytes.AddRange(utf8);
    }

    private static void WriteVarUInt(List<byte> bytes, ulong value)
    {
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        bytes.Add((byte)value);
    }

    public void Dispose() => _tcp.Dispose();
}
