using System.Buffers;

namespace MultiAgent.Runtime.Messaging.Transport;

/// <summary>Receives the frames of one or more connections. Called on the connection's receive path: keep it short.</summary>
internal interface IFrameHandler
{
    /// <summary>
    /// One complete frame. <paramref name="payload"/> is valid only during the call: copy what you keep.
    /// Throwing is logged and the connection goes on; call <see cref="FrameConnection.Close"/> or
    /// <see cref="FrameConnection.Abort"/> when a frame is fatal.
    /// </summary>
    void OnFrame(FrameConnection connection, ReadOnlySequence<byte> payload);

    /// <summary>The connection is closed; called once, after its last frame.</summary>
    void OnClosed(FrameConnection connection, ConnectionCloseReason reason)
    {
    }
}
