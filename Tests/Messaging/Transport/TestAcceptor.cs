using System.Buffers;
using System.Collections.Concurrent;
using MultiAgent.Runtime.Messaging.Transport;

namespace MultiAgent.Tests.Messaging.Transport;

/// <summary>Accepts every handshake (unless told otherwise) and gives each connection its own <see cref="FrameSink"/>.</summary>
internal sealed class TestAcceptor : IConnectionAcceptor
{
    private readonly ConcurrentQueue<FrameConnection> _connected = new();
    private readonly ConcurrentDictionary<FrameConnection, (byte[] Handshake, FrameSink Sink)> _accepted = new();

    /// <summary>Builds the handler of an accepted connection; a plain sink by default.</summary>
    public Func<FrameSink> CreateSink { get; init; } = () => new FrameSink();

    /// <summary>Refuses handshakes whose payload is this text.</summary>
    public string? RefuseHandshake { get; init; }

    public IReadOnlyCollection<FrameConnection> Connected => _connected;

    public int AcceptedCount => _accepted.Count;

    public void OnConnected(FrameConnection connection) => _connected.Enqueue(connection);

    public IFrameHandler? OnHandshake(FrameConnection connection, ReadOnlySequence<byte> firstFrame)
    {
        var handshake = firstFrame.ToArray();
        if (RefuseHandshake is not null && Text.Of(handshake) == RefuseHandshake)
        {
            return null;
        }

        var sink = CreateSink();
        _accepted[connection] = (handshake, sink);
        return sink;
    }

    /// <summary>The one accepted connection, once there is exactly one.</summary>
    public (FrameConnection Connection, byte[] Handshake, FrameSink Sink) Single()
    {
        var only = _accepted.Single();
        return (only.Key, only.Value.Handshake, only.Value.Sink);
    }

    public FrameSink SinkOf(string handshake) =>
        _accepted.Values.Single(a => Text.Of(a.Handshake) == handshake).Sink;

    public FrameConnection ConnectionOf(string handshake) =>
        _accepted.Single(a => Text.Of(a.Value.Handshake) == handshake).Key;

    public bool HasAccepted(string handshake) => _accepted.Values.Any(a => Text.Of(a.Handshake) == handshake);
}

internal static class Text
{
    public static byte[] Bytes(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    public static string Of(byte[] bytes) => System.Text.Encoding.UTF8.GetString(bytes);
}
