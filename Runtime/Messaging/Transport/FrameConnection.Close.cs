using System.Net.Sockets;

namespace MultiAgent.Runtime.Messaging.Transport;

/// <summary>Graceful close (drain, FIN, wait for the peer's FIN), abort (reset at once) and the final teardown.</summary>
internal sealed partial class FrameConnection
{
    /// <summary>
    /// Begins a graceful close and returns at once: no more frames are accepted or delivered, queued frames are sent,
    /// then the connection shuts down. After <see cref="TransportOptions.CloseTimeout"/> it is aborted instead.
    /// </summary>
    public void Close(string reason) =>
        BeginClose(new ConnectionCloseReason(ConnectionCloseKind.LocalClose, reason));

    /// <summary>Closes gracefully and waits until done; if <paramref name="cancellationToken"/> fires first, aborts.</summary>
    public async Task CloseAsync(string reason, CancellationToken cancellationToken = default)
    {
        Close(reason);
        try
        {
            await Closed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Abort($"{reason} (graceful close cancelled)");
            throw;
        }
    }

    /// <summary>Closes at once with a reset, dropping queued frames.</summary>
    public void Abort(string reason) =>
        Fail(new ConnectionCloseReason(ConnectionCloseKind.LocalAbort, reason));

    private void BeginClose(ConnectionCloseReason reason)
    {
        TaskCompletionSource? waiter;
        lock (_writeLock)
        {
            if (_state != StateOpen)
            {
                return;
            }

            RecordReason(reason);
            _state = StateClosing;
            waiter = TakeCapacityWaiter();
        }

        waiter?.TrySetResult();
        _flushSignal.Set();
        _ = FinishGracefulCloseAsync();
    }

    /// <summary>The flush loop drains and sends FIN; the peer answers with its FIN, which ends the receive loop.</summary>
    private async Task FinishGracefulCloseAsync()
    {
        try
        {
            using var deadline = new CancellationTokenSource(_closeTimeout);
            await _flushLoop.WaitAsync(deadline.Token).ConfigureAwait(false);
            await _receiveLoop.WaitAsync(deadline.Token).ConfigureAwait(false);
            Terminate(reset: false);
        }
        catch (OperationCanceledException)
        {
            Terminate(reset: true);
        }
    }

    /// <summary>Records why (unless a cause is already known) and aborts.</summary>
    private void Fail(ConnectionCloseReason reason)
    {
        RecordReason(reason);
        Terminate(reset: true);
    }

    private void RecordReason(ConnectionCloseReason reason) =>
        Interlocked.CompareExchange(ref _closeReason, reason, null);

    /// <summary>Stops everything: the socket's disposal ends the pending receive and any send in progress.</summary>
    private void Terminate(bool reset)
    {
        TaskCompletionSource? waiter;
        lock (_writeLock)
        {
            if (_state == StateClosed)
            {
                return;
            }

            _state = StateClosed;
            waiter = TakeCapacityWaiter();
        }

        waiter?.TrySetResult();
        if (reset)
        {
            try
            {
                // Zero linger turns the close into a reset: queued bytes are dropped, not trickled out.
                _socket.LingerState = new LingerOption(true, 0);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // Already gone.
            }
        }

        _lifetime.Cancel();
        _socket.Dispose();
        _flushSignal.Set();
    }

    /// <summary>The last of the three loops to finish reports the close, exactly once.</summary>
    private void LoopExited()
    {
        if (Interlocked.Decrement(ref _runningLoops) != 0)
        {
            return;
        }

        TaskCompletionSource? waiter;
        lock (_writeLock)
        {
            _state = StateClosed;
            waiter = TakeCapacityWaiter();
            _output.Writer.Complete();
        }

        waiter?.TrySetResult();
        _lifetime.Cancel();
        _socket.Dispose();

        var reason = _closeReason ?? new ConnectionCloseReason(ConnectionCloseKind.TransportError, "the connection ended without a recorded cause");
        if (reason.Kind is ConnectionCloseKind.PeerClosedMidFrame or ConnectionCloseKind.TransportError)
        {
            _logger.ConnectionLost(reason.Exception, Id, RemoteEndPoint, reason.Kind, reason.Description);
        }
        else
        {
            _logger.ConnectionClosed(Id, RemoteEndPoint, reason.Kind, reason.Description);
        }

        _closed.TrySetResult(reason);
        try
        {
            Volatile.Read(ref _handler).OnClosed(this, reason);
        }
        catch (Exception ex)
        {
            _logger.CloseHandlerFailed(ex, Id, RemoteEndPoint);
        }
    }
}
