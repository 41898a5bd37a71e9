using System.Buffers;
using Microsoft.Extensions.Logging;

namespace MultiAgent.Runtime.Messaging.Transport;

/// <summary>
/// Handles an accepted connection until its first frame: asks the acceptor for the real handler, swaps it in,
/// and closes connections that stay silent past the handshake timeout.
/// </summary>
internal sealed class HandshakeHandler : IFrameHandler, IDisposable
{
    private readonly IConnectionAcceptor _acceptor;
    private readonly ILogger _logger;
    private readonly TimeSpan _timeout;
    private ITimer? _deadline;
    private int _done;

    public HandshakeHandler(IConnectionAcceptor acceptor, ILogger logger, TimeSpan timeout)
    {
        _acceptor = acceptor;
        _logger = logger;
        _timeout = timeout;
    }

    /// <summary>Arms the handshake deadline; called before the connection starts reading.</summary>
    public void Arm(FrameConnection connection, TimeProvider timeProvider)
    {
        _deadline = timeProvider.CreateTimer(
            static state =>
            {
                var (handler, connection) = ((HandshakeHandler, FrameConnection))state!;
                handler.OnDeadline(connection);
            },
            (this, connection),
            _timeout,
            Timeout.InfiniteTimeSpan);
    }

    public void OnFrame(FrameConnection connection, ReadOnlySequence<byte> payload)
    {
        if (Interlocked.Exchange(ref _done, 1) != 0)
        {
            return;
        }

        Dispose();
        IFrameHandler? handler;
        try
        {
            handler = _acceptor.OnHandshake(connection, payload);
        }
        catch (Exception ex)
        {
            _logger.HandshakeFailed(ex, connection.Id, connection.RemoteEndPoint);
            connection.Abort("the handshake handler failed");
            return;
        }

        if (handler is null)
        {
            _logger.HandshakeRefused(connection.Id, connection.RemoteEndPoint);
            connection.Close("the handshake was refused");
            return;
        }

        connection.SetHandler(handler);
    }

    public void OnClosed(FrameConnection connection, ConnectionCloseReason reason) => Dispose();

    public void Dispose() => _deadline?.Dispose();

    private void OnDeadline(FrameConnection connection)
    {
        if (Interlocked.Exchange(ref _done, 1) != 0)
        {
            return;
        }

        _logger.HandshakeTimedOut(connection.Id, connection.RemoteEndPoint, _timeout);
        connection.Abort($"no handshake within {_timeout}");
    }
}
