using System.Buffers;

namespace MultiAgent.Runtime.Messaging.Transport;

/// <summary>
/// The upper layer's say over connections a <see cref="FrameListener"/> accepts. The listener never interprets
/// payloads: the first frame is handed over as the peer's handshake ("who I am") and the answer decides the rest.
/// </summary>
internal interface IConnectionAcceptor
{
    /// <summary>A connection was accepted and is about to be read; a place to greet the peer or to close it.</summary>
    void OnConnected(FrameConnection connection)
    {
    }

    /// <summary>
    /// The connection's first frame (valid only during the call). Returns the handler for every later frame, or null
    /// to refuse the peer, which closes the connection. A connection that sends nothing within
    /// <see cref="TransportOptions.HandshakeTimeout"/> is closed without a call.
    /// </summary>
    IFrameHandler? OnHandshake(FrameConnection connection, ReadOnlySequence<byte> firstFrame);
}
