using System.Buffers;
using System.Net.Sockets;

namespace MultiAgent.Runtime.Messaging.Transport;

/// <summary>The receive side: socket bytes into the input pipe, complete frames out of it to the handler.</summary>
internal sealed partial class FrameConnection
{
    private async Task ReceiveLoopAsync()
    {
        var writer = _input.Writer;
        try
        {
            while (true)
            {
                var memory = writer.GetMemory(MinimumReceiveSize);
                var received = await _socket.ReceiveAsync(memory, SocketFlags.None, _lifetime.Token).ConfigureAwait(false);
                if (received == 0)
                {
                    break;
                }

                writer.Advance(received);

                // With the inline reader scheduler this call parses and dispatches the frames before returning.
                var flush = await writer.FlushAsync(_lifetime.Token).ConfigureAwait(false);
                if (flush.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception ex)
        {
            // Kept for the read loop, which knows whether a frame was cut short; after an abort it is just the abort.
            if (Volatile.Read(ref _state) != StateClosed)
            {
                _receiveError = ex;
            }
        }
        finally
        {
            await writer.CompleteAsync().ConfigureAwait(false);
            LoopExited();
        }
    }

    private async Task ReadLoopAsync()
    {
        var reader = _input.Reader;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                if (DispatchFrames(ref buffer) == FrameReadStatus.Malformed)
                {
                    return;
                }

                if (result.IsCompleted || result.IsCanceled)
                {
                    InputEnded(buffer);
                    return;
                }

                // Consumed up to the first incomplete frame; examined everything, so the next read waits for more bytes.
                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (Exception ex)
        {
            Fail(new ConnectionCloseReason(ConnectionCloseKind.TransportError, "reading frames failed", ex));
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
            LoopExited();
        }
    }

    /// <summary>Hands every complete frame in <paramref name="buffer"/> to the handler and leaves the rest.</summary>
    private FrameReadStatus DispatchFrames(ref ReadOnlySequence<byte> buffer)
    {
        while (true)
        {
            var status = FrameCodec.TryReadFrame(ref buffer, _maxFrameSize, out var payload, out var length);
            if (status == FrameReadStatus.Frame)
            {
                Dispatch(payload);
                continue;
            }

            if (status == FrameReadStatus.Malformed)
            {
                _logger.FrameTooLarge(Id, RemoteEndPoint, length, _maxFrameSize);
                Fail(new ConnectionCloseReason(
                    ConnectionCloseKind.ProtocolViolation,
                    $"the peer {RemoteEndPoint} announced a frame of {length} bytes; the limit is {_maxFrameSize}"));
            }

            return status;
        }
    }

    private void Dispatch(in ReadOnlySequence<byte> payload)
    {
        // Once a close has begun (often the handler's own verdict on an earlier frame) nothing more is delivered.
        if (Volatile.Read(ref _state) != StateOpen)
        {
            return;
        }

        _framesReceived++;
        try
        {
            _handler.OnFrame(this, payload);
        }
        catch (Exception ex)
        {
            _logger.FrameHandlerFailed(ex, Id, RemoteEndPoint);
        }
    }

    /// <summary>The receive side ended: a clean end at a frame boundary closes gracefully, anything else aborts.</summary>
    private void InputEnded(in ReadOnlySequence<byte> leftover)
    {
        var error = _receiveError;
        if (!leftover.IsEmpty)
        {
            var progress = FrameCodec.TryPeekLength(leftover, out var length)
                ? $"{leftover.Length - FrameCodec.HeaderSize} of {length} payload bytes received"
                : $"{leftover.Length} of {FrameCodec.HeaderSize} header bytes received";
            Fail(new ConnectionCloseReason(
                ConnectionCloseKind.PeerClosedMidFrame,
                $"the peer {RemoteEndPoint} went away in the middle of a frame ({progress})",
                error));
        }
        else if (error is not null)
        {
            Fail(new ConnectionCloseReason(ConnectionCloseKind.TransportError, $"the connection with {RemoteEndPoint} failed", error));
        }
        else
        {
            BeginClose(new ConnectionCloseReason(ConnectionCloseKind.PeerClosed, $"the peer {RemoteEndPoint} closed the connection"));
        }
    }
}
