namespace MultiAgent.Runtime.Messaging.Transport;

/// <summary>Why a connection ended, coarse enough to act on (retry, report, ignore).</summary>
internal enum ConnectionCloseKind
{
    /// <summary>This side closed it gracefully: queued frames were sent first.</summary>
    LocalClose,

    /// <summary>This side aborted it: queued frames were dropped.</summary>
    LocalAbort,

    /// <summary>The peer closed it at a frame boundary.</summary>
    PeerClosed,

    /// <summary>The peer went away (closed or reset) in the middle of a frame.</summary>
    PeerClosedMidFrame,

    /// <summary>The peer broke the frame format, e.g. announced a frame larger than the maximum.</summary>
    ProtocolViolation,

    /// <summary>The socket failed, e.g. the connection was reset.</summary>
    TransportError,
}
