using System.Net;
using Microsoft.Extensions.Logging;

namespace MultiAgent.Runtime.Messaging.Transport;

/// <summary>The transport's log events, in one place so their wording and levels stay consistent.</summary>
internal static partial class TransportLog
{
    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Protocol violation on connection {ConnectionId} from {RemoteEndPoint}: frame length {FrameLength} is outside 0..{MaxFrameSize}; closing this connection")]
    public static partial void FrameTooLarge(this ILogger logger, long connectionId, EndPoint? remoteEndPoint, int frameLength, int maxFrameSize);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Frame handler failed on connection {ConnectionId} with {RemoteEndPoint}; the connection stays open")]
    public static partial void FrameHandlerFailed(this ILogger logger, Exception exception, long connectionId, EndPoint? remoteEndPoint);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Close handler failed on connection {ConnectionId} with {RemoteEndPoint}")]
    public static partial void CloseHandlerFailed(this ILogger logger, Exception exception, long connectionId, EndPoint? remoteEndPoint);

    [LoggerMessage(Level = LogLevel.Debug,
        Message = "Connection {ConnectionId} with {RemoteEndPoint} closed: {CloseKind}, {CloseDescription}")]
    public static partial void ConnectionClosed(this ILogger logger, long connectionId, EndPoint? remoteEndPoint, ConnectionCloseKind closeKind, string closeDescription);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Connection {ConnectionId} with {RemoteEndPoint} lost: {CloseKind}, {CloseDescription}")]
    public static partial void ConnectionLost(this ILogger logger, Exception? exception, long connectionId, EndPoint? remoteEndPoint, ConnectionCloseKind closeKind, string closeDescription);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for frame connections on {LocalEndPoint}")]
    public static partial void ListenerStarted(this ILogger logger, EndPoint localEndPoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped listening on {LocalEndPoint}; closed {ConnectionCount} connections")]
    public static partial void ListenerStopped(this ILogger logger, EndPoint localEndPoint, int connectionCount);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Accepted connection {ConnectionId} from {RemoteEndPoint} on {LocalEndPoint}")]
    public static partial void ConnectionAccepted(this ILogger logger, long connectionId, EndPoint? remoteEndPoint, EndPoint localEndPoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Accepting a connection on {LocalEndPoint} failed; still listening")]
    public static partial void AcceptFailed(this ILogger logger, Exception exception, EndPoint localEndPoint);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Connection {ConnectionId} from {RemoteEndPoint} sent no handshake within {HandshakeTimeout}; closing it")]
    public static partial void HandshakeTimedOut(this ILogger logger, long connectionId, EndPoint? remoteEndPoint, TimeSpan handshakeTimeout);

    [LoggerMessage(Level = LogLevel.Information, Message = "Handshake of connection {ConnectionId} from {RemoteEndPoint} refused; closing it")]
    public static partial void HandshakeRefused(this ILogger logger, long connectionId, EndPoint? remoteEndPoint);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handshake of connection {ConnectionId} from {RemoteEndPoint} failed; closing it")]
    public static partial void HandshakeFailed(this ILogger logger, Exception exception, long connectionId, EndPoint? remoteEndPoint);

    [LoggerMessage(Level = LogLevel.Debug,
        Message = "Connecting to {RemoteEndPoint} failed (attempt {Attempt}); retrying in {RetryDelay}")]
    public static partial void ConnectRetrying(this ILogger logger, Exception? exception, EndPoint remoteEndPoint, int attempt, TimeSpan retryDelay);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connection {ConnectionId} to {RemoteEndPoint} established")]
    public static partial void Connected(this ILogger logger, long connectionId, EndPoint remoteEndPoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not connect to {RemoteEndPoint} within {ConnectTimeout}")]
    public static partial void ConnectFailed(this ILogger logger, Exception? exception, EndPoint remoteEndPoint, TimeSpan connectTimeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A background connection attempt to {RemoteEndPoint} failed")]
    public static partial void BackgroundConnectFailed(this ILogger logger, Exception exception, EndPoint remoteEndPoint);
}
